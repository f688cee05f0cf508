/**
 * Group commit: writes that arrive together are committed together. Each call queues its item;
 * once the current turn of the event loop has handed over everything that arrived with it
 * (`setImmediate`, after the poll phase that read those requests), `commitBatch` runs once for
 * the whole queue, inside one transaction. A caller's promise settles only after that call
 * returned: fulfilled with its own result when the batch committed, rejected with the batch's
 * error when it did not, so nothing is ever acknowledged before it is durable, and a failed
 * commit fails every write in it.
 *
 * With one transaction per write, a SQLite file takes a few thousand writes a second, each paying
 * for its own `BEGIN IMMEDIATE`, commit and WAL frame; a batch pays for them once.
 */
export function createGroupCommit<Item, Result>(
  commitBatch: (items: readonly Item[]) => readonly Result[],
  /** The most items one transaction takes; the rest wait for the next one. */
  maxBatch = 1_000,
): (item: Item) => Promise<Result> {
  let queue: Array<{ item: Item; resolve: (r: Result) => void; reject: (e: unknown) => void }> = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    if (queue.length > 0) schedule();
    let results: readonly Result[];
    try {
      results = commitBatch(batch.map((w) => w.item));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => waiting.resolve(results[i]!));
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
