/**
 * A process that runs the SQLite job queue's worker against `SHUTTER_JOBS_DB`, for the durability
 * test (api/test/e2e/job-durability.test.ts). Its one handler, `credit`, applies an effect that is
 * idempotent by job id (a row keyed by the job id, and a total bumped only when that row is new, in
 * one transaction) and records every start, so the test can tell runs from effects. A payload with
 * `hangOnFirstAttempt` applies its effect and then hangs on its first attempt, as a job whose
 * process is killed after its work but before its acknowledgement.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../../src/adapters/sqlite/open-database.js';
import { createSqliteJobQueue } from '../../src/adapters/sqlite/sqlite-job-queue.js';
import { systemClock } from '../../src/ports/clock.js';
import type { JobContext } from '../../src/ports/job-queue.js';
import { createJobWorker } from '../../src/services/job-worker.js';
import { createCapturingLogger } from './silent-logger.js';

export const EFFECT_TABLES = `
  CREATE TABLE IF NOT EXISTS job_starts (seq INTEGER PRIMARY KEY, job_id TEXT NOT NULL, attempts INTEGER NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS job_effects (job_id TEXT PRIMARY KEY, amount INTEGER NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS job_total (id INTEGER PRIMARY KEY CHECK (id = 1), total INTEGER NOT NULL) STRICT;
  INSERT OR IGNORE INTO job_total (id, total) VALUES (1, 0);
`;

const say = (fields: object) => process.stdout.write(`${JSON.stringify(fields)}\n`);

function main() {
  const filename = process.env.SHUTTER_JOBS_DB;
  if (!filename) throw new Error('SHUTTER_JOBS_DB is not set');
  const db = openDatabase({ filename });
  db.exec(EFFECT_TABLES);
  const recordStart = db.prepare('INSERT INTO job_starts (job_id, attempts) VALUES (?, ?)');
  const applyEffect = db.transaction((jobId: string, amount: number) => {
    const inserted = db
      .prepare('INSERT INTO job_effects (job_id, amount) VALUES (?, ?) ON CONFLICT DO NOTHING')
      .run(jobId, amount).changes;
    if (inserted) db.prepare('UPDATE job_total SET total = total + ? WHERE id = 1').run(amount);
  });

  const queue = createSqliteJobQueue(db, systemClock);
  const logger = createCapturingLogger();
  const worker = createJobWorker({
    consumer: queue,
    logger,
    batchSize: 1,
    leaseMs: Number(process.env.SHUTTER_JOBS_LEASE_MS ?? 1_000),
    idleMs: 20,
    handlers: {
      credit: async (job: JobContext) => {
        const payload = job.payload as { amount: number; hangOnFirstAttempt?: boolean };
        recordStart.run(job.id, job.attempts);
        applyEffect.immediate(job.id, payload.amount);
        if (payload.hangOnFirstAttempt && job.attempts === 1) {
          say({ event: 'hanging', jobId: job.id });
          await new Promise(() => undefined);
        }
      },
    },
  });
  worker.start();
  say({ event: 'ready' });
  process.once('SIGTERM', () => {
    void worker.stop().then(() => {
      db.close();
      say({ event: 'stopped' });
      process.exit(0);
    });
  });
}

// Run only as a process; the test imports EFFECT_TABLES from here.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
