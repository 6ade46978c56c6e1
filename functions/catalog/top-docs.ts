/** Comparator of two doc ids: true when `a` ranks before `b`. */
export type DocComparator = (a: number, b: number) => boolean;

/** The best `limit` docs under a comparator, kept in a binary heap whose root is the worst kept. */
export class TopDocs {
  private readonly heap: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly before: DocComparator,
  ) {}

  offer(doc: number): void {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(doc);
      this.siftUp(heap.length - 1);
    } else if (this.before(doc, heap[0])) {
      heap[0] = doc;
      this.siftDown(0);
    }
  }

  ranked(): number[] {
    return [...this.heap].sort((a, b) => (this.before(a, b) ? -1 : this.before(b, a) ? 1 : 0));
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(heap[parent], heap[child])) break;
      [heap[parent], heap[child]] = [heap[child], heap[parent]];
      child = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let worst = parent;
      if (left < heap.length && this.before(heap[worst], heap[left])) worst = left;
      if (right < heap.length && this.before(heap[worst], heap[right])) worst = right;
      if (worst === parent) return;
      [heap[parent], heap[worst]] = [heap[worst], heap[parent]];
      parent = worst;
    }
  }
}
