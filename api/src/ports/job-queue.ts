/**
 * Background jobs: the write path enqueues work (render a review, rebuild the content index,
 * purge the CDN) and a worker runs it later, retrying failures.
 *
 * Two sides, because on AWS the consumer is not ours to write:
 * - {@link JobProducer} (`enqueue`) is implemented by every adapter: memory, SQLite and SQS.
 * - {@link JobConsumer} (`lease`/`ack`/`fail`, dead letters, stats) is implemented by the
 *   in-process adapters (memory, SQLite) and driven by the services' job worker. On AWS a Lambda
 *   event source mapping leases for us and the SQS batch helper runs the handlers; the
 *   consumer's behaviour maps onto the queue's settings:
 *
 * | here                                  | SQS + Lambda                                          |
 * | ------------------------------------- | ----------------------------------------------------- |
 * | `lease({ leaseMs })`                  | the queue's visibility timeout (≥ 6× the function's timeout) |
 * | `attempts`                            | `ApproximateReceiveCount`                             |
 * | `fail` → retry after backoff          | the message reappears after the visibility timeout (no exponential backoff; reported via `batchItemFailures`) |
 * | dead letter after `maxAttempts`       | redrive policy `maxReceiveCount` to a dead-letter queue |
 * | `retryDead(id)`                       | a DLQ redrive (`StartMessageMoveTask`)                 |
 * | lease expiry after a crash            | visibility timeout expiry                              |
 * | `delayMs`                             | `DelaySeconds` (whole seconds, at most 900)            |
 *
 * **Idempotency.** Delivery is at least once everywhere: a worker killed after a job's effect
 * but before its `ack` runs the job again, and a standard SQS queue may deliver a message twice
 * and cannot coalesce. So every handler must be idempotent by job id: running a job twice must
 * leave the same state as running it once. The jobs this queue exists for are so by
 * construction: each one recomputes its output from the store's current state and writes it under
 * a key derived from that state (a review version's HTML, a content-addressed index object, then
 * a pointer to it), and a CDN purge is harmless to repeat. A handler whose effect is not naturally
 * idempotent records the job id in the same transaction as its effect and skips an id it finds.
 */

import type { RetryBackoff } from '../domain/retry-backoff.js';

/** A value that survives `JSON.stringify` and `JSON.parse` unchanged. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A job to run later. */
export interface JobRequest {
  /**
   * Identifies the work, not the request: e.g. `index:rebuild` or `review:render:<id>:<version>`.
   * Requests with the same id while one is pending coalesce into one run.
   */
  id: string;
  /** Selects the handler that runs the job. */
  type: string;
  /** The handler's input. Coalesced requests keep the first request's payload. */
  payload: JsonValue;
  /** Run no sooner than this many milliseconds from now (SQS: rounded up to whole seconds, ≤ 900 s). */
  delayMs?: number;
}

/** The producer side, implemented by every adapter. */
export interface JobProducer {
  /**
   * Adds a job. Enqueueing an id that is already pending (waiting, not yet leased) is a no-op, so a
   * burst of publishes enqueues `index:rebuild` once; an id that is being run is enqueued again,
   * because the run in hand may have read the state before this request's change.
   * On SQS (a standard queue cannot deduplicate) every request is sent; the batch helper runs
   * one id once per batch and the handlers' idempotency absorbs the rest.
   * @throws ValidationError when the id or type is empty, or the delay is negative.
   * @throws UnavailableError when the queue cannot take the job now (nothing was enqueued).
   */
  enqueue(job: JobRequest): Promise<void>;
}

/** A job handed to a worker until its lease expires. */
export interface LeasedJob {
  /** The id it was enqueued with. */
  id: string;
  /** Selects the handler. */
  type: string;
  /** The (first coalesced) request's payload, as it was enqueued. */
  payload: JsonValue;
  /** Attempts so far, this one included (1 on the first run). */
  attempts: number;
  /** Proves this lease in `ack`/`fail`; a new lease of the same job gets a new token. */
  token: string;
  /** When the job was first enqueued. */
  enqueuedAt: Date;
}

/** A job that failed `maxAttempts` times and will not run again unless retried. */
export interface DeadJob {
  /** The id it was enqueued with. */
  id: string;
  /** Its handler's type. */
  type: string;
  /** Its payload, kept so that `retryDead` can run it again. */
  payload: JsonValue;
  /** Attempts made, `maxAttempts` unless it was retried and failed again sooner. */
  attempts: number;
  /** The reason given by the last failure (`lease expired` when its worker died). */
  lastError: string;
  enqueuedAt: Date;
  /** When it was dead-lettered. */
  diedAt: Date;
}

/** Counts for an operator console. */
export interface JobQueueStats {
  /** Waiting to run, due or delayed (including retries waiting out their backoff). */
  pending: number;
  /** Held by a worker now (expired leases included until a `lease` reclaims them). */
  leased: number;
  dead: number;
}

export interface LeaseOptions {
  /** At most this many jobs. */
  max: number;
  /** How long the worker may hold them; unacknowledged jobs are due again afterwards. */
  leaseMs: number;
}

/** The consumer side, implemented by the in-process adapters (memory, SQLite). */
export interface JobConsumer {
  /**
   * Takes up to `max` due jobs, oldest due first, and counts an attempt on each. A job whose
   * previous lease expired (its worker died) is due again, and that lost attempt counts: a job
   * that kills its worker every time is dead-lettered like one that throws. A job is never
   * leased while another live lease of the same id exists, so runs of one id never overlap.
   */
  lease(options: LeaseOptions): Promise<LeasedJob[]>;

  /**
   * Marks a leased job done and forgets it.
   * @returns false when the lease was no longer held (it expired and the job was leased again,
   *   or was already acknowledged); nothing changes then.
   */
  ack(token: string): Promise<boolean>;

  /**
   * Records a failed attempt. Below `maxAttempts` the job is due again after an exponential
   * backoff with jitter (see `retryDelayMs`); at `maxAttempts` it is dead-lettered with `reason`.
   * If the same id was enqueued again meanwhile, the two coalesce and keep the higher attempt count.
   * @returns false when the lease was no longer held; nothing changes then.
   */
  fail(token: string, reason: string): Promise<boolean>;

  /**
   * Gives a leased job back unrun, due now, its attempt not counted: for a worker that leased a
   * batch and is shutting down before reaching it.
   * @returns false when the lease was no longer held; nothing changes then.
   */
  release(token: string): Promise<boolean>;

  /** Every dead-lettered job, most recently died first. */
  listDead(): Promise<DeadJob[]>;

  /**
   * Makes a dead job due now with its attempts reset (coalescing with a pending one of the same id).
   * @returns false when no dead job has this id.
   */
  retryDead(id: string): Promise<boolean>;

  /** How many jobs are pending, leased and dead now, for an operator console. */
  stats(): Promise<JobQueueStats>;

  /**
   * How many milliseconds until the earliest pending job is due, by the queue's own clock (0 or
   * less when one is due now), or `undefined` when none is pending: lets a drain wait out a short
   * coalescing delay or a retry's backoff without waiting for work scheduled far ahead.
   */
  untilNextDue(): Promise<number | undefined>;
}

/** A queue this process both fills and drains (memory, SQLite). */
export interface JobQueue extends JobProducer, JobConsumer {}

/** What a handler is given: the job, without the lease token. */
export type JobContext = Omit<LeasedJob, 'token'>;

/** Runs one job; throws to fail it. Must be idempotent by job id (see the module comment). */
export type JobHandler = (job: JobContext) => Promise<void>;

/** Handlers by job type. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** Settings shared by the in-process adapters. */
export interface JobQueueOptions {
  /** Attempts before a job is dead-lettered; 5 by default. */
  maxAttempts?: number;
  /** Backoff between attempts; 1 s doubling up to 5 min by default. */
  backoff?: RetryBackoff;
  /** Jitter source in [0, 1); `Math.random` by default. */
  random?: () => number;
}
