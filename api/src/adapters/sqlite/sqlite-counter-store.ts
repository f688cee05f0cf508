import type { CounterStore, RecordedVisit, RecordVisitInput } from '../../ports/counter-store.js';
import type { Statement } from 'better-sqlite3';
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

interface MarkRow {
  counter_id: string;
  day: string;
  visitor_hash: string;
}

const markKey = (counterId: string, day: string, visitorHash: string) =>
  `${counterId}\n${day}\n${visitorHash}`;

/** Visitor markers written per statement at most (three parameters each). */
const MARKS_PER_STATEMENT = 64;

export function createSqliteCounterStore(db: SqliteDatabase): CounterStore {
  // One statement per number of rows, made on first use: a batch's markers go in as few
  // statements as its size allows, and the ones inserted come back (a repeat is ignored).
  const markStatements = new Map<number, Statement<string[], MarkRow>>();
  const markVisitors = (rows: number) => {
    let statement = markStatements.get(rows);
    if (statement === undefined) {
      statement = db.prepare<string[], MarkRow>(
        `INSERT OR IGNORE INTO visitor_marks (counter_id, day, visitor_hash) VALUES ${Array.from(
          { length: rows },
          () => '(?, ?, ?)',
        ).join(', ')} RETURNING counter_id, day, visitor_hash`,
      );
      markStatements.set(rows, statement);
    }
    return statement;
  };
  const bumpTotal = db.prepare<[{ id: string; n: number; at: string }], { count: number }>(
    `INSERT INTO counters (id, count, created_at, updated_at) VALUES (@id, @n, @at, @at)
     ON CONFLICT (id) DO UPDATE SET count = count + excluded.count, updated_at = excluded.updated_at
     RETURNING count`,
  );
  const bumpDay = db.prepare<[string, string, number, number], DayRow>(
    `INSERT INTO counter_days (counter_id, day, count, unique_visitors) VALUES (?, ?, ?, ?)
     ON CONFLICT (counter_id, day) DO UPDATE SET
       count = count + excluded.count, unique_visitors = unique_visitors + excluded.unique_visitors
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

  /** Which of `visits` saw their visitor first that day: their markers were new. */
  function markNew(visits: readonly RecordVisitInput[]): boolean[] {
    const inserted = new Set<string>();
    for (let start = 0; start < visits.length; start += MARKS_PER_STATEMENT) {
      const chunk = visits.slice(start, start + MARKS_PER_STATEMENT);
      const params = chunk.flatMap((v) => [v.counterId, v.day, v.visitorHash]);
      for (const row of markVisitors(chunk.length).all(...params)) {
        inserted.add(markKey(row.counter_id, row.day, row.visitor_hash));
      }
    }
    // A visitor twice in one batch: the first visit is the new one.
    return visits.map((v) => inserted.delete(markKey(v.counterId, v.day, v.visitorHash)));
  }

  /**
   * Records visits of one UTC day as if one after another, in three kinds of statement whatever
   * their number: the markers (in statements of up to 64), one upsert of each counter's total and
   * one of each counter's day, each adding every visit of the batch at once. Each visit gets the
   * figures it would have had alone: the i-th visit of a counter in the batch sees the total
   * before the batch plus i, and the day's unique visitors up to and including its own.
   */
  function recordDay(visits: readonly RecordVisitInput[]): RecordedVisit[] {
    const isNew = markNew(visits);
    const byCounter = new Map<string, number[]>();
    visits.forEach((v, i) => {
      const indexes = byCounter.get(v.counterId);
      if (indexes) indexes.push(i);
      else byCounter.set(v.counterId, [i]);
    });
    const recorded = new Array<RecordedVisit>(visits.length);
    for (const [counterId, indexes] of byCounter) {
      const last = visits[indexes[indexes.length - 1]!]!;
      const uniques = indexes.filter((i) => isNew[i]).length;
      const total = writeReturning(bumpTotal, {
        id: counterId,
        n: indexes.length,
        at: last.at.toISOString(),
      })!;
      const day = writeReturning(bumpDay, counterId, last.day, indexes.length, uniques)!;
      let countBefore = total.count - indexes.length;
      let dayBefore = day.count - indexes.length;
      let uniquesBefore = day.unique_visitors - uniques;
      for (const i of indexes) {
        countBefore += 1;
        dayBefore += 1;
        if (isNew[i]) uniquesBefore += 1;
        recorded[i] = {
          count: countBefore,
          today: { date: day.day, count: dayBefore, uniqueVisitors: uniquesBefore },
        };
      }
    }
    return recorded;
  }

  let purgedBefore = '';
  // One IMMEDIATE transaction per batch of visits that arrived together (group commit): the
  // writes are single atomic upserts, and the transaction keeps the total, the day and the visitor
  // marker consistent with each other.
  const recordBatch = db.transaction((visits: readonly RecordVisitInput[]) => {
    const recorded: RecordedVisit[] = [];
    let forgotten = purgedBefore;
    // Runs of one day, in arrival order: a batch across midnight forgets yesterday's markers
    // exactly where one visit at a time would have.
    for (let start = 0; start < visits.length;) {
      const day = visits[start]!.day;
      let end = start + 1;
      while (end < visits.length && visits[end]!.day === day) end += 1;
      // Yesterday's markers are no longer needed: forget them as soon as a new day starts.
      if (day !== forgotten) {
        forgetMarks.run(day);
        forgotten = day;
      }
      recorded.push(...recordDay(visits.slice(start, end)));
      start = end;
    }
    return recorded;
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
