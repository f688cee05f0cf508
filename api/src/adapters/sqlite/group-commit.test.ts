import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.js';

describe('createGroupCommit', () => {
  it('commits concurrent writes in one batch and answers each with its own result', async () => {
    const batches: number[][] = [];
    const write = createGroupCommit((items: readonly number[]) => {
      batches.push([...items]);
      return items.map((n) => n * 10);
    });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => write(i)));
    expect(batches).toEqual([Array.from({ length: 50 }, (_, i) => i)]);
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * 10));
  });

  it('answers nobody before the batch holding their write has committed', async () => {
    let committed = false;
    const write = createGroupCommit((items: readonly string[]) => {
      committed = true;
      return items;
    });
    const answered = write('a').then(() => committed);
    expect(committed).toBe(false);
    expect(await answered).toBe(true);
  });

  it('fails every write of a failed batch, and acknowledges none of them', async () => {
    const failure = new Error('disk full');
    const write = createGroupCommit((items: readonly number[]) => {
      if (items.includes(3)) throw failure;
      return items;
    });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((n) => write(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason === failure)).toBe(true);
    // The next batch is independent of the failed one.
    expect(await write(5)).toBe(5);
  });

  it('splits a queue longer than maxBatch into several transactions, in order', async () => {
    const sizes: number[] = [];
    const write = createGroupCommit((items: readonly number[]) => {
      sizes.push(items.length);
      return items;
    }, 4);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => write(i)));
    expect(sizes).toEqual([4, 4, 2]);
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it('starts a new batch for writes that arrive after one was committed', async () => {
    const sizes: number[] = [];
    const write = createGroupCommit((items: readonly number[]) => {
      sizes.push(items.length);
      return items;
    });
    await Promise.all([write(1), write(2)]);
    await write(3);
    expect(sizes).toEqual([2, 1]);
  });
});
