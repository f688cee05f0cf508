import type { CounterStore } from '../../ports/counter-store.js';
import type { SqliteDatabase } from './open-database.js';
import { writeReturning } from './returning.js';
import { withSqliteWrite } from './database-file-guard.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

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
  const selectDays = db.prepare<[string, string, string], DayRow>(
    'SELECT day, count, unique_visitors FROM counter_days WHERE counter_id = ? AND day BETWEEN ? AND ? ORDER BY day',
  );

  let purgedBefore = '';
  // One IMMEDIATE transaction per visit: the writes are single atomic upserts, and the
  // transaction keeps the total, the day and the visitor marker consistent with each other.
  const record = db.transaction(
    (counterId: string, day: string, visitorHash: string, at: string) => {
      // Yesterday's markers are no longer needed: forget them as soon as a new day starts.
      if (day !== purgedBefore) forgetMarks.run(day);
      const isNew = markVisitor.run(counterId, day, visitorHash).changes;
      const total = writeReturning(bumpTotal, { id: counterId, at })!;
      const today = writeReturning(bumpDay, counterId, day, isNew)!;
      return {
        count: total.count,
        today: { date: today.day, count: today.count, uniqueVisitors: today.unique_visitors },
      };
    },
  );

  return {
    async recordVisit({ counterId, day, visitorHash, at }) {
      const recorded = withSqliteWrite(db, 'Counter', () =>
        record.immediate(counterId, day, visitorHash, at.toISOString()),
      );
      // Only once committed: a failed transaction rolled the forgetting back too.
      purgedBefore = day;
      return recorded;
    },

    async getCounter(counterId, days) {
      return withSqliteErrors('Counter', () => {
        const total = selectTotal.get(counterId);
        if (!total) return undefined;
        const wanted = new Set(days);
        const sorted = [...days].sort();
        const rows =
          sorted.length === 0
            ? []
            : selectDays.all(counterId, sorted[0]!, sorted[sorted.length - 1]!);
        return {
          id: counterId,
          count: total.count,
          days: rows
            .filter((row) => wanted.has(row.day))
            .map((row) => ({
              date: row.day,
              count: row.count,
              uniqueVisitors: row.unique_visitors,
            })),
        };
      });
    },
  };
}
