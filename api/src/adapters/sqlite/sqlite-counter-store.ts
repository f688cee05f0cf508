import type { CounterStore, RecordedVisit, RecordVisitInput } from '../../ports/counter-store.js';
import type { SqliteDatabase } from './open-database.js';
import { writeReturning } from './returning.js';
import { withSqliteWrite } from './database-file-guard.js';
import { withSqliteErrors } from './translate-sqlite-error.js';
import { createGroupCommit } from './group-commit.js';

interface DayRow {
  day: string;
  count: number;
  unique_visitors: number;
}

export function createSqliteCounterStore(db: SqliteDatabase): CounterStore {
  const markVisitor = db.prepare(
    'INSERT OR IGNORE INTO visitor_marks (counter_id, day, visitor_hash) VALUES (?, ?, ?)',
  );
  const bumpTotal = db.prepare<[{ id: string; at: string }], { count: number }>(
    `INSERT INTO counters (id, count, created_at, updated_at) VALUES (@id, 1, @at, @at)
     ON CONFLICT (id) DO UPDATE SET count = count + 1, updated_at = excluded.updated_at
     RETURNING count`,
  );
  const bumpDay = db.prepare<[string, string, number], DayRow>(
    `INSERT INTO counter_days (counter_id, day, count, unique_visitors) VALUES (?, ?, 1, ?)
     ON CONFLICT (counter_id, day) DO UPDATE SET
       count = count + 1, unique_visitors = unique_visitors + excluded.unique_visitors
     RETURNING day, count, unique_visitors`,
  );
  const forgetMarks = db.prepare('DELETE FROM visitor_marks WHERE day < ?');
  const selectTotal = db.prepare<[string], { count: number }>(
    'SELECT count FROM counters WHERE id = ?',
  );
  // The total and the days in one statement: each statement outside a transaction takes and
  // drops SQLite's shared lock (two fcntl calls), a visible part of reading a counter. No row:
  // no counter; one row with a null day: a counter without days in the range.
  const selectTotalAndDays = db.prepare<
    [string, string, string],
    { total: number; day: string | null; count: number | null; unique_visitors: number | null }
  >(
    `SELECT c.count AS total, d.day, d.count, d.unique_visitors
     FROM counters c
     LEFT JOIN counter_days d ON d.counter_id = c.id AND d.day BETWEEN ? AND ?
     WHERE c.id = ?
     ORDER BY d.day`,
  );

  let purgedBefore = '';
  // One IMMEDIATE transaction per batch of visits that arrived together (group commit): the
  // writes are single atomic upserts, and the transaction keeps the total, the day and the visitor
  // marker consistent with each other. Each visit gets its own RETURNING rows, so its own total.
  const recordBatch = db.transaction((visits: readonly RecordVisitInput[]) => {
    let forgotten = purgedBefore;
    return visits.map(({ counterId, day, visitorHash, at }): RecordedVisit => {
      // Yesterday's markers are no longer needed: forget them as soon as a new day starts.
      if (day !== forgotten) {
        forgetMarks.run(day);
        forgotten = day;
      }
      const isNew = markVisitor.run(counterId, day, visitorHash).changes;
      const total = writeReturning(bumpTotal, { id: counterId, at: at.toISOString() })!;
      const today = writeReturning(bumpDay, counterId, day, isNew)!;
      return {
        count: total.count,
        today: { date: today.day, count: today.count, uniqueVisitors: today.unique_visitors },
      };
    });
  });
  const record = createGroupCommit((visits: readonly RecordVisitInput[]) => {
    const recorded = withSqliteWrite(db, 'Counter', () => recordBatch.immediate(visits));
    // Only once committed: a failed transaction rolled the forgetting back too.
    purgedBefore = visits[visits.length - 1]!.day;
    return recorded;
  });

  return {
    /**
     * Answers once the transaction holding this visit has committed (see group-commit.ts): a
     * crash never loses an acknowledged visit, and a failed commit fails every visit in it.
     */
    recordVisit(input) {
      return record(input);
    },

    async getCounter(counterId, days) {
      return withSqliteErrors('Counter', () => {
        if (days.length === 0) {
          const total = selectTotal.get(counterId);
          return total && { id: counterId, count: total.count, days: [] };
        }
        const wanted = new Set(days);
        const sorted = [...days].sort();
        const rows = selectTotalAndDays.all(sorted[0]!, sorted[sorted.length - 1]!, counterId);
        if (rows.length === 0) return undefined;
        return {
          id: counterId,
          count: rows[0]!.total,
          days: rows
            .filter((row) => row.day !== null && wanted.has(row.day))
            .map((row) => ({
              date: row.day!,
              count: row.count!,
              uniqueVisitors: row.unique_visitors!,
            })),
        };
      });
    },
  };
}
