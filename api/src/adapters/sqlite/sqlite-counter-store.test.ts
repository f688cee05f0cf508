import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../domain/errors.js';
import type { RecordVisitInput } from '../../ports/counter-store.js';
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
