/**
 * An execution's history events not yet committed: their JSON bodies, newline-separated, as UTF-8 bytes in
 * one buffer. Bytes outside the JS heap, unlike one string per event kept until the commit: a busy engine
 * holds a few MB of pending history between commits, and as strings the young-generation collector copied
 * them (20% of a long loop's CPU). The buffers are reused across executions.
 *
 * A state's output is the next state's input, so a chunk records most payloads twice (the exit and the next
 * entry). The second time, a payload of `SHARE_FROM` characters or more is written as a reference to the
 * first: `\u0001<start>:<length>`, the place of its JSON literal in the chunk's stored text. A raw U+0001
 * cannot occur in JSON text (control characters are escaped inside strings), so `chunkBodies` finds the
 * references without parsing. Offsets count UTF-16 code units of the stored text, which is what the reader
 * holds once the chunk is decoded.
 */
export class PendingEvents {
  /** Id of the first pending event (0 when none). */
  first = 0;
  count = 0;
  /** How many of them are *StateEntered (the store keeps the count for stats). */
  entered = 0;
  private buf: Buffer | undefined;
  private length = 0;
  /** The stored text's length in UTF-16 code units (what a reference's offsets count). */
  private chars = 0;
  /** Where each shared payload's literal starts in the stored text, by the object that owns it. */
  private shared: Map<object, number> | undefined;

  add(id: number, body: string, entered: boolean): void {
    this.open(id, body.length, entered);
    this.put(body);
  }

  /**
   * An event whose body is `head`, then the JSON literal `literal`, then `tail`. `owner` stands for the
   * literal (the same owner, the same literal): a literal already written in this chunk by the same owner is
   * written as a reference to it.
   */
  addShared(id: number, head: string, owner: object, literal: string, tail: string, entered: boolean): void {
    this.open(id, head.length + literal.length + tail.length, entered);
    this.put(head);
    if (literal.length < SHARE_FROM) {
      this.put(literal);
    } else {
      this.shared ??= new Map();
      const at = this.shared.get(owner);
      if (at === undefined) {
        this.shared.set(owner, this.chars);
        this.put(literal);
      } else {
        this.put(`\u0001${at}:${literal.length}`);
      }
    }
    this.put(tail);
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
    this.chars = 0;
    this.shared?.clear();
    if (release && this.buf !== undefined) {
      if (free.length < MAX_FREE && this.buf.length <= MAX_KEPT) free.push(this.buf);
      this.buf = undefined;
    }
  }

  /** Start an event of at most `chars` characters: room for it, and the newline before it. */
  private open(id: number, chars: number, entered: boolean): void {
    if (this.count === 0) this.first = id;
    const need = this.length + 1 + chars * 3;
    if (this.buf === undefined || need > this.buf.length) this.grow(need);
    if (this.count > 0) {
      this.buf![this.length++] = 10; // '\n': JSON text never holds a raw newline
      this.chars++;
    }
    this.count++;
    if (entered) this.entered++;
  }

  private put(text: string): void {
    this.length += this.buf!.write(text, this.length, 'utf8');
    this.chars += text.length;
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

/**
 * The event bodies of a stored chunk's text, references resolved. Chunks written before references (and
 * chunks without a repeated payload) hold no U+0001 and are split as they are.
 */
export function chunkBodies(text: string): string[] {
  const resolved =
    text.indexOf('\u0001') < 0
      ? text
      : text.replace(REFERENCE, (_, start: string, length: string) =>
          text.slice(Number(start), Number(start) + Number(length)),
        );
  return resolved.split('\n');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0001 marks a reference because JSON text never holds it raw
const REFERENCE = /\u0001(\d+):(\d+)/g;

/** Payload literals shorter than this are written again rather than referred to (a reference is ~10). */
export const SHARE_FROM = 32;
const INITIAL = 8 * 1024;
/** Buffers kept for reuse (enough for every execution of a busy batch), up to a long loop's history. */
const MAX_FREE = 256;
const MAX_KEPT = 64 * 1024;
const free: Buffer[] = [];
