/**
 * An execution's history events not yet committed: their JSON bodies, newline-separated, as UTF-8 bytes in
 * one buffer. Bytes outside the JS heap, unlike one string per event kept until the commit: a busy engine
 * holds a few MB of pending history between commits, and as strings the young-generation collector copied
 * them (20% of a long loop's CPU). The buffers are reused across executions.
 */
export class PendingEvents {
  /** Id of the first pending event (0 when none). */
  first = 0;
  count = 0;
  /** How many of them are *StateEntered (the store keeps the count for stats). */
  entered = 0;
  private buf: Buffer | undefined;
  private length = 0;

  add(id: number, body: string, entered: boolean): void {
    if (this.count === 0) this.first = id;
    const need = this.length + 1 + body.length * 3;
    let buf = this.buf;
    if (buf === undefined || need > buf.length) buf = this.grow(need);
    if (this.count > 0) buf[this.length++] = 10; // '\n': JSON text never holds a raw newline
    this.length += buf.write(body, this.length, 'utf8');
    this.count++;
    if (entered) this.entered++;
  }

  /** The pending bodies joined by newlines, as UTF-8 (a view valid until the next `add` or `clear`). */
  bytes(): Buffer {
    return this.buf!.subarray(0, this.length);
  }

  /** Forget the pending events (written, or not to be written); `release` gives the buffer back for reuse. */
  clear(release = false): void {
    this.first = 0;
    this.count = 0;
    this.entered = 0;
    this.length = 0;
    if (release && this.buf !== undefined) {
      if (free.length < MAX_FREE && this.buf.length <= MAX_KEPT) free.push(this.buf);
      this.buf = undefined;
    }
  }

  private grow(need: number): Buffer {
    const old = this.buf;
    let size = old?.length ?? INITIAL;
    while (size < need) size *= 2;
    const spare = free.length > 0 && free[free.length - 1].length >= size ? free.pop() : undefined;
    const buf = spare ?? Buffer.allocUnsafeSlow(size);
    if (old !== undefined) {
      old.copy(buf, 0, 0, this.length);
      if (free.length < MAX_FREE && old.length <= MAX_KEPT) free.push(old);
    }
    this.buf = buf;
    return buf;
  }
}

const INITIAL = 8 * 1024;
/** Buffers kept for reuse (enough for every execution of a busy batch), up to a long loop's history. */
const MAX_FREE = 256;
const MAX_KEPT = 64 * 1024;
const free: Buffer[] = [];
