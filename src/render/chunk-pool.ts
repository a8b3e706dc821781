/**
 * Row chunk buffers kept for reuse once written, instead of a fresh one per chunk left to the
 * garbage collector: V8 collects external buffers only after tens of megabytes of them pile up,
 * which took each thread of a `records` export 60 MB or more above its working set.
 */
const SIZE_STEP = 1 << 20;

export class ChunkPool {
  private readonly free: Buffer[] = [];

  /** @param keep buffers held at most; one given back beyond that is left to the collector. */
  constructor(private readonly keep = 32) {}

  /**
   * A buffer of at least `bytes` bytes, at the start of an ArrayBuffer of its own (so it can be
   * transferred whole). New ones are sized in whole steps, so that the sizes rows ask for (which
   * vary from chunk to chunk) mostly fit the buffers given back.
   */
  get(bytes: number): Buffer {
    const buffer = this.free.pop();
    if (buffer !== undefined && buffer.length >= bytes) return buffer;
    return Buffer.allocUnsafeSlow(Math.ceil(bytes / SIZE_STEP) * SIZE_STEP);
  }

  /** Gives back the bytes of a chunk that was written; nothing may read or write them after. */
  put(bytes: ArrayBuffer): void {
    if (this.free.length < this.keep) this.free.push(Buffer.from(bytes));
  }

  get size(): number {
    return this.free.length;
  }
}
