import { assertJobRequest } from '../../domain/job-request.js';
import { DEFAULT_RETRY_BACKOFF, retryDelayMs } from '../../domain/retry-backoff.js';
import type { Clock } from '../../ports/clock.js';
import type {
  DeadJob,
  JobQueue,
  JobQueueOptions,
  JsonValue,
  LeasedJob,
} from '../../ports/job-queue.js';
import type { SqliteDatabase } from './open-database.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

interface JobRow {
  seq: number;
  id: string;
  type: string;
  payload: string;
  attempts: number;
  due_at: number;
  enqueued_at: number;
  lease_token: string | null;
  last_error: string | null;
  died_at: number | null;
}

/**
 * The durable job queue for the local server: a `jobs` table (migration 4) in the app's database.
 * A job survives a crash once `enqueue` returns, and a job whose worker was killed mid-run is
 * leased again once its lease expires.
 *
 * Every write that reads rows back runs inside an IMMEDIATE transaction and reads with `.all()`:
 * better-sqlite3's `.get()` on an autocommit `RETURNING` write can hand back a row whose commit
 * failed.
 */
export function createSqliteJobQueue(
  db: SqliteDatabase,
  clock: Clock,
  options: JobQueueOptions = {},
): JobQueue {
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoff ?? DEFAULT_RETRY_BACKOFF;
  const random = options.random ?? Math.random;

  const insert = db.prepare(
    `INSERT INTO jobs (id, type, payload, state, attempts, due_at, enqueued_at)
     VALUES (@id, @type, @payload, 'pending', 0, @dueAt, @at)
     ON CONFLICT (id) WHERE state = 'pending' DO NOTHING`,
  );
  const selectExpired = db.prepare<[number], JobRow>(
    `SELECT * FROM jobs WHERE state = 'leased' AND lease_expires_at <= ?`,
  );
  const selectLive = db.prepare<[string, number], JobRow>(
    `SELECT * FROM jobs WHERE state = 'leased' AND lease_token = ? AND lease_expires_at > ?`,
  );
  const selectPendingTwin = db.prepare<[string, number], { seq: number }>(
    `SELECT seq FROM jobs WHERE id = ? AND state = 'pending' AND seq <> ?`,
  );
  const mergeIntoTwin = db.prepare(
    `UPDATE jobs SET attempts = max(attempts, @attempts), due_at = max(due_at, @dueAt),
       last_error = @reason WHERE seq = @seq`,
  );
  const requeueRow = db.prepare(
    `UPDATE jobs SET state = 'pending', attempts = @attempts, due_at = @dueAt, last_error = @reason,
       lease_token = NULL, lease_expires_at = NULL WHERE seq = @seq`,
  );
  const deleteRow = db.prepare(`DELETE FROM jobs WHERE seq = ?`);
  const deleteDead = db.prepare(`DELETE FROM jobs WHERE id = ? AND state = 'dead'`);
  const killRow = db.prepare(
    `UPDATE jobs SET state = 'dead', last_error = @reason, died_at = @at,
       lease_token = NULL, lease_expires_at = NULL WHERE seq = @seq`,
  );
  // One statement takes the batch: rows that are due and whose id has no live lease.
  // The token is a fresh random value per row; it identifies a lease, it guards nothing secret.
  const leaseDue = db.prepare<[{ now: number; expires: number; max: number }], JobRow>(
    `UPDATE jobs SET state = 'leased', attempts = attempts + 1,
       lease_token = lower(hex(randomblob(16))), lease_expires_at = @expires
     WHERE seq IN (
       SELECT seq FROM jobs
       WHERE state = 'pending' AND due_at <= @now
         AND id NOT IN (SELECT id FROM jobs WHERE state = 'leased')
       ORDER BY due_at, seq LIMIT @max)
     RETURNING *`,
  );
  const ackRow = db.prepare(
    `DELETE FROM jobs WHERE state = 'leased' AND lease_token = ? AND lease_expires_at > ?`,
  );
  const selectDead = db.prepare<[], JobRow>(
    `SELECT * FROM jobs WHERE state = 'dead' ORDER BY died_at DESC, seq DESC`,
  );
  const selectDeadById = db.prepare<[string], JobRow>(
    `SELECT * FROM jobs WHERE state = 'dead' AND id = ?`,
  );
  const reviveRow = db.prepare(
    `UPDATE jobs SET state = 'pending', attempts = 0, due_at = @at, died_at = NULL WHERE seq = @seq`,
  );
  const countStates = db.prepare<[], { state: string; n: number }>(
    `SELECT state, count(*) AS n FROM jobs GROUP BY state`,
  );

  const earliestDue = db.prepare<[], { due: number | null }>(
    `SELECT min(due_at) AS due FROM jobs WHERE state = 'pending'`,
  );

  const now = () => clock.now().getTime();

  const kill = (row: JobRow, reason: string, at: number) => {
    // One dead letter per id: the newest failure replaces an older one.
    deleteDead.run(row.id);
    killRow.run({ seq: row.seq, reason, at });
  };
  /** Back to pending at `dueAt`, merged into a pending request of the same id if there is one. */
  const requeue = (row: JobRow, dueAt: number, reason: string | null) => {
    const twin = selectPendingTwin.all(row.id, row.seq)[0];
    if (twin) {
      mergeIntoTwin.run({ seq: twin.seq, attempts: row.attempts, dueAt, reason });
      deleteRow.run(row.seq);
    } else {
      requeueRow.run({ seq: row.seq, attempts: row.attempts, dueAt, reason });
    }
  };

  const leaseTx = db.transaction((max: number, leaseMs: number, at: number) => {
    for (const expired of selectExpired.all(at)) {
      if (expired.attempts >= maxAttempts) kill(expired, 'lease expired', at);
      else requeue(expired, at, 'lease expired');
    }
    return leaseDue.all({ now: at, expires: at + leaseMs, max });
  });

  const failTx = db.transaction((token: string, reason: string, at: number) => {
    const row = selectLive.all(token, at)[0];
    if (!row) return false;
    if (row.attempts >= maxAttempts) kill(row, reason, at);
    else requeue(row, at + retryDelayMs(row.attempts, backoff, random), reason);
    return true;
  });

  const releaseTx = db.transaction((token: string, at: number) => {
    const row = selectLive.all(token, at)[0];
    if (!row) return false;
    requeue({ ...row, attempts: row.attempts - 1 }, at, row.last_error);
    return true;
  });

  const retryDeadTx = db.transaction((id: string, at: number) => {
    const dead = selectDeadById.all(id)[0];
    if (!dead) return false;
    if (selectPendingTwin.all(id, dead.seq)[0]) deleteRow.run(dead.seq);
    else reviveRow.run({ seq: dead.seq, at });
    return true;
  });

  return {
    async enqueue(job) {
      assertJobRequest(job);
      const payload = JSON.stringify(job.payload);
      const at = now();
      withSqliteErrors('Job', () =>
        insert.run({ id: job.id, type: job.type, payload, dueAt: at + (job.delayMs ?? 0), at }),
      );
    },

    async lease({ max, leaseMs }) {
      if (max <= 0) return [];
      const rows = withSqliteErrors('Job', () => leaseTx.immediate(max, leaseMs, now()));
      // RETURNING gives no order; hand the jobs out in the order they became due.
      rows.sort((a, b) => a.due_at - b.due_at || a.seq - b.seq);
      return rows.map((row): LeasedJob => ({
        id: row.id,
        type: row.type,
        payload: JSON.parse(row.payload) as JsonValue,
        attempts: row.attempts,
        token: row.lease_token!,
        enqueuedAt: new Date(row.enqueued_at),
      }));
    },

    async ack(token) {
      return withSqliteErrors('Job', () => ackRow.run(token, now()).changes > 0);
    },

    async fail(token, reason) {
      return withSqliteErrors('Job', () => failTx.immediate(token, reason, now()));
    },

    async release(token) {
      return withSqliteErrors('Job', () => releaseTx.immediate(token, now()));
    },

    async listDead() {
      return withSqliteErrors('Job', () =>
        selectDead.all().map((row): DeadJob => ({
          id: row.id,
          type: row.type,
          payload: JSON.parse(row.payload) as JsonValue,
          attempts: row.attempts,
          lastError: row.last_error ?? '',
          enqueuedAt: new Date(row.enqueued_at),
          diedAt: new Date(row.died_at!),
        })),
      );
    },

    async retryDead(id) {
      return withSqliteErrors('Job', () => retryDeadTx.immediate(id, now()));
    },

    async stats() {
      const counts = { pending: 0, leased: 0, dead: 0 };
      for (const { state, n } of withSqliteErrors('Job', () => countStates.all()))
        counts[state as keyof typeof counts] = n;
      return counts;
    },

    async untilNextDue() {
      const { due } = withSqliteErrors('Job', () => earliestDue.get())!;
      return due === null ? undefined : due - now();
    },
  };
}
