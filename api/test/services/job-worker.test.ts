import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryJobQueue } from '../../src/adapters/memory/memory-job-queue.js';
import type { JobContext, JobHandlers } from '../../src/ports/job-queue.js';
import { systemClock } from '../../src/ports/clock.js';
import { createJobWorker, type JobWorker } from '../../src/services/job-worker.js';
import { createTestClock } from '../support/clock.js';
import { createCapturingLogger } from '../support/silent-logger.js';

let worker: JobWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

const until = async (check: () => boolean | Promise<boolean>, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('job worker', () => {
  it('dispatches by type, acknowledges successes and fails throws with one warn line', async () => {
    const clock = createTestClock();
    const queue = createMemoryJobQueue(clock, { random: () => 0 });
    const logger = createCapturingLogger();
    const ran: JobContext[] = [];
    const handlers: JobHandlers = {
      ok: async (job) => void ran.push(job),
      boom: async () => {
        throw new Error('renderer crashed');
      },
    };
    worker = createJobWorker({ consumer: queue, handlers, logger });
    await queue.enqueue({ id: 'a', type: 'ok', payload: { n: 1 } });
    await queue.enqueue({ id: 'b', type: 'boom', payload: null });
    await queue.enqueue({ id: 'c', type: 'nobody-handles-this', payload: null });
    expect(await worker.runOnce()).toBe(3);
    expect(ran).toEqual([
      { id: 'a', type: 'ok', payload: { n: 1 }, attempts: 1, enqueuedAt: clock.now() },
    ]);
    expect(await queue.stats()).toEqual({ pending: 2, leased: 0, dead: 0 });
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        msg: 'job failed',
        jobId: 'b',
        jobType: 'boom',
        attempts: 1,
        error: 'renderer crashed',
      },
      {
        level: 'warn',
        msg: 'job failed',
        jobId: 'c',
        jobType: 'nobody-handles-this',
        attempts: 1,
        error: 'No handler for job type "nobody-handles-this"',
      },
    ]);
  });

  it('runs a job enqueued in this process at once when woken, without waiting for the poll', async () => {
    const queue = createMemoryJobQueue(systemClock);
    const ran: string[] = [];
    worker = createJobWorker({
      consumer: queue,
      handlers: { t: async (job) => void ran.push(job.id) },
      logger: createCapturingLogger(),
      idleMs: 60_000,
    });
    worker.start();
    await new Promise((r) => setTimeout(r, 20)); // the worker is now in its long idle pause
    await queue.enqueue({ id: 'woken', type: 't', payload: null });
    worker.wake();
    await until(() => ran.length === 1);
    expect(ran).toEqual(['woken']);
  });

  it('polls again while idle', async () => {
    const queue = createMemoryJobQueue(systemClock);
    const ran: string[] = [];
    worker = createJobWorker({
      consumer: queue,
      handlers: { t: async (job) => void ran.push(job.id) },
      logger: createCapturingLogger(),
      idleMs: 10,
    });
    worker.start();
    await queue.enqueue({ id: 'polled', type: 't', payload: null });
    await until(() => ran.length === 1);
  });

  it('stops only once the job in hand is done, and releases the rest of its batch', async () => {
    const queue = createMemoryJobQueue(systemClock);
    let finish!: () => void;
    const started: string[] = [];
    worker = createJobWorker({
      consumer: queue,
      handlers: {
        slow: async (job) => {
          started.push(job.id);
          await new Promise<void>((resolve) => (finish = resolve));
        },
      },
      logger: createCapturingLogger(),
      idleMs: 10,
    });
    await queue.enqueue({ id: 'first', type: 'slow', payload: null });
    await queue.enqueue({ id: 'second', type: 'slow', payload: null });
    worker.start();
    await until(() => started.length === 1);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(started).toEqual(['first']);
    // The finished job was acknowledged; the unstarted one is back, its attempt not counted.
    expect(await queue.stats()).toEqual({ pending: 1, leased: 0, dead: 0 });
    expect(await queue.lease({ max: 5, leaseMs: 1_000 })).toMatchObject([
      { id: 'second', attempts: 1 },
    ]);
  });

  it('logs a queue failure and keeps polling', async () => {
    const queue = createMemoryJobQueue(systemClock);
    let failures = 1;
    const logger = createCapturingLogger();
    const ran: string[] = [];
    worker = createJobWorker({
      consumer: {
        ...queue,
        lease: async (options) => {
          if (failures-- > 0) throw new Error('database is busy');
          return queue.lease(options);
        },
      },
      handlers: { t: async (job) => void ran.push(job.id) },
      logger,
      idleMs: 10,
      errorPauseMs: 10,
    });
    await queue.enqueue({ id: 'x', type: 't', payload: null });
    worker.start();
    await until(() => ran.length === 1);
    expect(logger.lines[0]).toMatchObject({ level: 'error', msg: 'job queue unavailable' });
  });
});
