import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/sqlite/open-database.js';
import { createSqliteJobQueue } from '../../src/adapters/sqlite/sqlite-job-queue.js';
import { systemClock } from '../../src/ports/clock.js';
import { EFFECT_TABLES } from '../support/job-worker-process.js';
import { REPO_ROOT, tempDataDir } from '../support/server-process.js';

interface WorkerProcess {
  child: ChildProcess;
  /** Resolves once the process has printed a line with this event. */
  said(event: string): Promise<void>;
  exited: Promise<number | string>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startWorker(dbFile: string): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'api/test/support/job-worker-process.ts'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, SHUTTER_JOBS_DB: dbFile, SHUTTER_JOBS_LEASE_MS: '1000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.push(child);
  let out = '';
  let err = '';
  const waiters: Array<{ event: string; done: () => void }> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const waiter of [...waiters])
      if (out.includes(`"event":"${waiter.event}"`)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.done();
      }
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? -1)),
  );
  return {
    child,
    exited,
    said: (event) =>
      new Promise<void>((done, fail) => {
        if (out.includes(`"event":"${event}"`)) return done();
        const timer = setTimeout(
          () => fail(new Error(`no ${event} in 20 s\n${out}\n${err}`)),
          20_000,
        );
        waiters.push({ event, done: () => (clearTimeout(timer), done()) });
        void exited.then((code) => fail(new Error(`worker exited (${code})\n${out}\n${err}`)));
      }),
  };
}

describe('the SQLite job queue, as a real worker process', () => {
  it('runs a job again after its worker is SIGKILLed mid-run, applying its effect once', async () => {
    const dbFile = join(tempDataDir('shutter-jobs-'), 'shutter.db');
    const setup = openDatabase({ filename: dbFile });
    setup.exec(EFFECT_TABLES);
    const queue = createSqliteJobQueue(setup, systemClock);
    await queue.enqueue({
      id: 'credit:1',
      type: 'credit',
      payload: { amount: 5, hangOnFirstAttempt: true },
    });
    await queue.enqueue({ id: 'credit:2', type: 'credit', payload: { amount: 7 } });
    setup.close();

    const first = startWorker(dbFile);
    await first.said('hanging');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const db = new Database(dbFile, { readonly: true });
    try {
      const states = () =>
        db.prepare('SELECT id, state, attempts FROM jobs ORDER BY id').all() as Array<{
          id: string;
          state: string;
          attempts: number;
        }>;
      // Killed after its effect but before its ack: still leased; the next job still waiting.
      expect(states()).toEqual([
        { id: 'credit:1', state: 'leased', attempts: 1 },
        { id: 'credit:2', state: 'pending', attempts: 0 },
      ]);

      const second = startWorker(dbFile);
      await second.said('ready');
      const deadline = Date.now() + 20_000;
      while (states().length > 0) {
        if (Date.now() > deadline) throw new Error(`jobs left: ${JSON.stringify(states())}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      second.child.kill('SIGTERM');
      await second.said('stopped');
      expect(await second.exited).toBe(0);

      expect(db.prepare('SELECT job_id, attempts FROM job_starts ORDER BY seq').all()).toEqual([
        { job_id: 'credit:1', attempts: 1 },
        { job_id: 'credit:2', attempts: 1 },
        { job_id: 'credit:1', attempts: 2 },
      ]);
      // Run twice, applied once.
      expect(db.prepare('SELECT total FROM job_total').get()).toEqual({ total: 12 });
      expect(db.prepare('SELECT count(*) AS n FROM job_effects').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });
});
