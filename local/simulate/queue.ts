// A min-heap of pending actions by instant, then by insertion order.

export class TimeQueue<T> {
  private readonly items: { at: number; order: number; value: T }[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  push(at: number, value: T): void {
    const items = this.items;
    items.push({ at, order: this.counter++, value });
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.less(index, parent)) break;
      [items[index], items[parent]] = [items[parent]!, items[index]!];
      index = parent;
    }
  }

  peekTime(): number | undefined {
    return this.items[0]?.at;
  }

  /** Every value due at exactly the earliest instant. */
  popEarliest(): { at: number; values: T[] } | undefined {
    const at = this.peekTime();
    if (at === undefined) return undefined;
    const values: T[] = [];
    while (this.items.length > 0 && this.items[0]!.at === at) values.push(this.pop()!);
    return { at, values };
  }

  private pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined) return undefined;
    if (items.length > 0) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < items.length && this.less(left, smallest)) smallest = left;
        if (right < items.length && this.less(right, smallest)) smallest = right;
        if (smallest === index) break;
        [items[index], items[smallest]] = [items[smallest]!, items[index]!];
        index = smallest;
      }
    }
    return top.value;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a]!;
    const y = this.items[b]!;
    return x.at < y.at || (x.at === y.at && x.order < y.order);
  }
}
