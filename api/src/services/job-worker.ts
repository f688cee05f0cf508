import type { JobConsumer, JobHandlers, LeasedJob } from '../ports/job-queue.js';
import type { Logger } from '../ports/logger.js';

export interface JobWorkerOptions {
  consumer: JobConsumer;
  /** Handlers by job type; a job of another type fails (and is dead-lettered in the end). */
  handlers: JobHandlers;
  logger: Logger;
  /** Jobs leased at once; 10 by default. */
  batchSize?: number;
  /**
   * How long a job may run before it is presumed lost and leased again; 60 s by default. Must
   * exceed the longest job, or a slow job runs twice (harmless, handlers are idempotent, but wasteful).
   */
  leaseMs?: number;
  /** Pause between polls of an empty queue; 200 ms by default. */
  idleMs?: number;
  /** Pause after the queue itself failed (e.g. the database is busy); 1 s by default. */
  errorPauseMs?: number;
}

/** The in-process consumer: polls, runs handlers, acknowledges or fails each job. */
export interface JobWorker {
  /** Starts polling; calling it again while running does nothing. */
  start(): void;
  /**
   * Skips the current idle pause, so a job enqueued in this process runs now rather than at the
   * next poll. Call it after `enqueue`.
   */
  wake(): void;
  /**
   * Stops polling and resolves once the job in hand has finished (and been acknowledged or
   * failed). Jobs leased with it but not started are released to run later, attempt not counted.
   */
  stop(): Promise<void>;
  /** Leases and runs one batch now; how many jobs it ran. For tests and command lines. */
  runOnce(): Promise<number>;
}

/**
 * Runs jobs from a {@link JobConsumer} (the memory or SQLite queue) inside this process. On AWS
 * this is not used: Lambda's SQS event source mapping polls, and `handleSqsJobBatch` dispatches.
 */
export function createJobWorker({
  consumer,
  handlers,
  logger,
  batchSize = 10,
  leaseMs = 60_000,
  idleMs = 200,
  errorPauseMs = 1_000,
}: JobWorkerOptions): JobWorker {
  let running = false;
  let loop: Promise<void> | undefined;
  let woken = false;
  let interruptPause: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || !running) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        interruptPause = undefined;
        resolve();
      }
      interruptPause = done;
    });

  async function run(job: LeasedJob): Promise<void> {
    const { token, ...context } = job;
    const handler = Object.hasOwn(handlers, job.type) ? handlers[job.type] : undefined;
    try {
      if (!handler) throw new Error(`No handler for job type "${job.type}"`);
      await handler(context);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn(
        { jobId: job.id, jobType: job.type, attempts: job.attempts, error: reason },
        'job failed',
      );
      if (!(await consumer.fail(token, reason))) lostLease(job);
      return;
    }
    if (!(await consumer.ack(token))) lostLease(job);
  }

  function lostLease(job: LeasedJob) {
    logger.warn(
      { jobId: job.id, jobType: job.type, attempts: job.attempts, leaseMs },
      'job outlived its lease; it may run again',
    );
  }

  /** Runs a leased batch; stops early when the worker is stopped, releasing what is left. */
  async function runBatch(jobs: LeasedJob[], untilStopped: boolean): Promise<number> {
    let ran = 0;
    for (const [index, job] of jobs.entries()) {
      if (untilStopped && !running) {
        await Promise.all(jobs.slice(index).map((left) => consumer.release(left.token)));
        break;
      }
      await run(job);
      ran += 1;
    }
    return ran;
  }

  async function poll(): Promise<void> {
    while (running) {
      let jobs: LeasedJob[];
      try {
        jobs = await consumer.lease({ max: batchSize, leaseMs });
      } catch (error) {
        logger.error(
          { error: error instanceof Error ? error.message : String(error) },
          'job queue unavailable',
        );
        await pause(errorPauseMs);
        continue;
      }
      try {
        await runBatch(jobs, true);
      } catch (error) {
        // ack/fail/release failed: the lease expires and the job runs again.
        logger.error(
          { error: error instanceof Error ? error.message : String(error) },
          'job queue unavailable',
        );
        await pause(errorPauseMs);
        continue;
      }
      // Jobs just run may have queued follow-ups (a review's index rebuild): look again at once.
      if (jobs.length > 0) continue;
      // Nothing due: sleep until the next delayed job is due, or the idle pause if sooner.
      let next: number | undefined;
      try {
        next = await consumer.untilNextDue();
      } catch {
        next = undefined; // the queue will say so at the next lease
      }
      await pause(next === undefined ? idleMs : Math.min(idleMs, Math.max(next, 1)));
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      woken = false;
      loop = poll();
    },
    wake() {
      if (interruptPause) interruptPause();
      else woken = true;
    },
    async stop() {
      running = false;
      interruptPause?.();
      await loop;
      loop = undefined;
    },
    async runOnce() {
      return runBatch(await consumer.lease({ max: batchSize, leaseMs }), false);
    },
  };
}
