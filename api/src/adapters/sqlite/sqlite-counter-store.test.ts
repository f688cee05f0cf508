import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../domain/errors.js';
import type { RecordVisitInput } from '../../ports/counter-store.js';
import { createMemoryCounterStore } from '../memory/memory-counter-store.js';
import { openDatabase } from './open-database.js';
import { createSqliteCounterStore } from './sqlite-counter-store.js';

const day = '2026-11-21';
const visit = (visitorHash: string, at = new Date(`${day}T12:00:00Z`)): RecordVisitInput => ({
  counterId: 'default',
  day,
  visitorHash,
  expiresAt: new Date(`${day}T23:59:59.999Z`),
  at,
});

// Group commit (group-commit.ts): visits that arrive together share one transaction.
describe('SQLite counter store: group commit', () => {
  it('commits concurrent visits together, each answered with its own total', async () => {
    const counters = createSqliteCounterStore(openDatabase({ filename: ':memory:' }));
    const recorded = await Promise.all(
      Array.from({ length: 300 }, (_, i) => counters.recordVisit(visit(`v${i % 30}`))),
    );
    expect(recorded.map((r) => r.count)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(recorded.at(-1)!.today).toEqual({ date: day, count: 300, uniqueVisitors: 30 });
  });

  it('answers each visit of a batch as one at a time would: two counters, repeat visitors, midnight', async () => {
    const counters = createSqliteCounterStore(openDatabase({ filename: ':memory:' }));
    const reference = createMemoryCounterStore();
    const next = '2026-11-22';
    const visits: RecordVisitInput[] = Array.from({ length: 150 }, (_, i) => {
      const late = i >= 120;
      return {
        counterId: i % 3 === 0 ? 'other' : 'default',
        day: late ? next : day,
        visitorHash: `v${i % 17}`,
        expiresAt: new Date(`${late ? next : day}T23:59:59.999Z`),
        at: new Date(`${late ? next : day}T${late ? '00:00:01' : '23:59:59'}Z`),
      };
    });
    // Visits made before, in earlier transactions: the batch adds to them.
    for (const v of visits.slice(0, 10)) await counters.recordVisit(v);
    for (const v of visits.slice(0, 10)) await reference.recordVisit(v);
    const batch = await Promise.all(visits.slice(10).map((v) => counters.recordVisit(v)));
    const oneByOne = [];
    for (const v of visits.slice(10)) oneByOne.push(await reference.recordVisit(v));
    expect(batch).toEqual(oneByOne);
    for (const id of ['default', 'other']) {
      expect(await counters.getCounter(id, [day, next])).toEqual(
        await reference.getCounter(id, [day, next]),
      );
    }
  });

  it('holds concurrent visits in one transaction: one that fails takes the others with it', async () => {
    const counters = createSqliteCounterStore(openDatabase({ filename: ':memory:' }));
    // The last visit cannot be written (its time is no date), which throws inside the transaction.
    const outcomes = await Promise.allSettled([
      counters.recordVisit(visit('a')),
      counters.recordVisit(visit('b')),
      counters.recordVisit(visit('c', new Date(Number.NaN))),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // Nothing of the batch was kept, and nothing was acknowledged.
    expect(await counters.getCounter('default', [day])).toBeUndefined();
    expect((await counters.recordVisit(visit('d'))).count).toBe(1);
  });

  it('fails every visit of a batch the database refuses as unavailable (503), none counted', async () => {
    const db = openDatabase({ filename: ':memory:' });
    const counters = createSqliteCounterStore(db);
    await counters.recordVisit(visit('first'));
    db.pragma('query_only = ON');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => counters.recordVisit(visit(`v${i}`))),
    );
    expect(
      outcomes.every((o) => o.status === 'rejected' && o.reason instanceof UnavailableError),
    ).toBe(true);
    db.pragma('query_only = OFF');
    expect((await counters.getCounter('default', [day]))!.count).toBe(1);
  });
});
