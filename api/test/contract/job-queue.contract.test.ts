import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/sqlite/open-database.js';
import { createSqliteJobQueue } from '../../src/adapters/sqlite/sqlite-job-queue.js';
import { ValidationError } from '../../src/domain/errors.js';
import type { JobQueue } from '../../src/ports/job-queue.js';
import { createTestClock, type TestClock } from '../support/clock.js';
import { tempDataDir } from '../support/server-process.js';
import {
  consumerFactories,
  producerFactories,
  type ProducerRun,
} from '../support/job-queue-factories.js';

describe.each(producerFactories)('JobProducer contract: $name', (factory) => {
  let clock: TestClock;
  let run: ProducerRun;
  beforeEach(async () => {
    clock = createTestClock();
    run = await factory.create(clock);
  });
  afterEach(() => run.close());

  it('delivers an enqueued job once, on its first attempt', async () => {
    await run.producer.enqueue({ id: 'review:render:r1:3', type: 'render', payload: { id: 'r1' } });
    const delivered = await run.deliver();
    expect(delivered).toEqual([
      {
        id: 'review:render:r1:3',
        type: 'render',
        payload: { id: 'r1' },
        attempts: 1,
        enqueuedAt: clock.now(),
      },
    ]);
    expect(await run.deliver()).toEqual([]);
  });

  it('round-trips any JSON payload', async () => {
    const payload = {
      text: 'Sony α7 IV — “cámara” 📷',
      n: -12.5,
      ok: true,
      none: null,
      list: [1, 'two', { three: [3] }],
    };
    await run.producer.enqueue({ id: 'p', type: 't', payload });
    await run.producer.enqueue({ id: 'q', type: 't', payload: 'just a string' });
    expect((await run.deliver()).map((job) => job.payload)).toEqual([payload, 'just a string']);
  });

  it('coalesces a burst of one pending id into one run, with the first payload', async () => {
    for (let i = 0; i < 5; i += 1)
      await run.producer.enqueue({ id: 'index:rebuild', type: 'index', payload: { n: i } });
    await run.producer.enqueue({ id: 'other', type: 'index', payload: null });
    const delivered = await run.deliver();
    expect(delivered.map((job) => [job.id, job.payload])).toEqual([
      ['index:rebuild', { n: 0 }],
      ['other', null],
    ]);
  });

  it('holds a delayed job until its delay has passed, never sooner', async () => {
    await run.producer.enqueue({ id: 'later', type: 't', payload: 1, delayMs: 1_500 });
    await run.producer.enqueue({ id: 'now', type: 't', payload: 2 });
    expect((await run.deliver()).map((job) => job.id)).toEqual(['now']);
    clock.advance(1_400);
    expect(await run.deliver()).toEqual([]);
    // SQS delays whole seconds and rounds up, so by 2 s every adapter has delivered it.
    clock.advance(600);
    expect((await run.deliver()).map((job) => job.id)).toEqual(['later']);
  });

  it('refuses a job without an id or type, or with a negative delay', async () => {
    await expect(run.producer.enqueue({ id: '', type: 't', payload: 1 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(run.producer.enqueue({ id: 'i', type: '', payload: 1 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      run.producer.enqueue({ id: 'i', type: 't', payload: 1, delayMs: -1 }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await run.deliver()).toEqual([]);
  });
});

const options = { maxAttempts: 3, backoff: { baseMs: 1_000, capMs: 60_000 }, random: () => 0.5 };
const lease = (queue: JobQueue, max = 10, leaseMs = 10_000) => queue.lease({ max, leaseMs });

describe.each(consumerFactories)('JobConsumer contract: $name', (factory) => {
  let clock: TestClock;
  let queue: JobQueue;
  let close: () => void;
  beforeEach(async () => {
    clock = createTestClock();
    ({ queue, close } = await factory.create(clock, options));
  });
  afterEach(() => close());

  it('leases due jobs in order, up to max, each to one worker', async () => {
    for (const id of ['a', 'b', 'c']) await queue.enqueue({ id, type: 't', payload: id });
    const first = await lease(queue, 2);
    expect(first.map((job) => [job.id, job.attempts])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(new Set(first.map((job) => job.token)).size).toBe(2);
    expect((await lease(queue)).map((job) => job.id)).toEqual(['c']);
    expect(await lease(queue)).toEqual([]);
    expect(await queue.stats()).toEqual({ pending: 0, leased: 3, dead: 0 });
  });

  it('tells how long until the earliest pending job is due, nothing when none is', async () => {
    expect(await queue.untilNextDue()).toBeUndefined();
    await queue.enqueue({ id: 'later', type: 't', payload: null, delayMs: 900_000 });
    await queue.enqueue({ id: 'soon', type: 't', payload: null, delayMs: 250 });
    expect(await queue.untilNextDue()).toBe(250);
    clock.advance(300);
    expect(await queue.untilNextDue()).toBe(-50);
    const [soon] = await lease(queue);
    expect(soon!.id).toBe('soon');
    // A leased job is not pending: the next due is the delayed one.
    expect(await queue.untilNextDue()).toBe(899_700);
    clock.advance(899_700);
    await lease(queue);
    expect(await queue.untilNextDue()).toBeUndefined();
  });

  it('forgets an acknowledged job; a second ack of the token changes nothing', async () => {
    await queue.enqueue({ id: 'a', type: 't', payload: null });
    const [job] = await lease(queue);
    expect(await queue.ack(job!.token)).toBe(true);
    expect(await queue.ack(job!.token)).toBe(false);
    expect(await queue.stats()).toEqual({ pending: 0, leased: 0, dead: 0 });
    clock.advance(3_600_000);
    expect(await lease(queue)).toEqual([]);
  });

  it('retries a failed job after an exponential backoff with jitter', async () => {
    await queue.enqueue({ id: 'a', type: 't', payload: null });
    let [job] = await lease(queue);
    expect(await queue.fail(job!.token, 'boom')).toBe(true);
    expect(await queue.stats()).toEqual({ pending: 1, leased: 0, dead: 0 });
    // 1 s nominal, jitter 0.5 → 750 ms.
    clock.advance(749);
    expect(await lease(queue)).toEqual([]);
    clock.advance(1);
    [job] = await lease(queue);
    expect(job).toMatchObject({ id: 'a', attempts: 2 });
    await queue.fail(job!.token, 'boom again');
    // 2 s nominal → 1.5 s.
    clock.advance(1_499);
    expect(await lease(queue)).toEqual([]);
    clock.advance(1);
    expect(await lease(queue)).toMatchObject([{ id: 'a', attempts: 3 }]);
  });

  it('dead-letters a job after max attempts, keeping the last reason, and can retry it', async () => {
    await queue.enqueue({ id: 'a', type: 'render', payload: { x: 1 } });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const [job] = await lease(queue);
      expect(job!.attempts).toBe(attempt);
      await queue.fail(job!.token, `failure ${attempt}`);
      clock.advance(60_000);
    }
    expect(await lease(queue)).toEqual([]);
    expect(await queue.stats()).toEqual({ pending: 0, leased: 0, dead: 1 });
    const dead = await queue.listDead();
    expect(dead).toEqual([
      {
        id: 'a',
        type: 'render',
        payload: { x: 1 },
        attempts: 3,
        lastError: 'failure 3',
        enqueuedAt: new Date(Date.parse('2026-11-21T12:00:00.000Z')),
        diedAt: new Date(clock.now().getTime() - 60_000),
      },
    ]);
    expect(await queue.retryDead('nobody')).toBe(false);
    expect(await queue.retryDead('a')).toBe(true);
    expect(await queue.listDead()).toEqual([]);
    expect(await lease(queue)).toMatchObject([{ id: 'a', attempts: 1, payload: { x: 1 } }]);
  });

  it('makes a job due again when its lease expires, and counts that attempt', async () => {
    await queue.enqueue({ id: 'a', type: 't', payload: null });
    const [first] = await lease(queue, 10, 10_000);
    clock.advance(9_999);
    expect(await lease(queue)).toEqual([]);
    clock.advance(1);
    const [second] = await lease(queue, 10, 10_000);
    expect(second).toMatchObject({ id: 'a', attempts: 2 });
    expect(second!.token).not.toBe(first!.token);
    // The first worker's lease is gone: its ack and fail change nothing.
    expect(await queue.ack(first!.token)).toBe(false);
    expect(await queue.fail(first!.token, 'late')).toBe(false);
    expect(await queue.ack(second!.token)).toBe(true);
  });

  it('dead-letters a job whose worker dies on every attempt', async () => {
    await queue.enqueue({ id: 'a', type: 't', payload: null });
    for (let i = 0; i < 3; i += 1) {
      expect(await lease(queue, 10, 1_000)).toHaveLength(1);
      clock.advance(1_000);
    }
    expect(await lease(queue)).toEqual([]);
    expect(await queue.listDead()).toMatchObject([{ id: 'a', lastError: 'lease expired' }]);
  });

  it('runs an id enqueued during its run again, but never two runs of one id at once', async () => {
    await queue.enqueue({ id: 'index', type: 't', payload: 1 });
    const [running] = await lease(queue);
    await queue.enqueue({ id: 'index', type: 't', payload: 2 });
    await queue.enqueue({ id: 'index', type: 't', payload: 3 });
    expect(await queue.stats()).toEqual({ pending: 1, leased: 1, dead: 0 });
    expect(await lease(queue)).toEqual([]);
    await queue.ack(running!.token);
    expect(await lease(queue)).toMatchObject([{ id: 'index', payload: 2, attempts: 1 }]);
  });

  it('merges a failed run into a pending request of the same id, keeping its attempts', async () => {
    await queue.enqueue({ id: 'index', type: 't', payload: 1 });
    const [running] = await lease(queue);
    await queue.enqueue({ id: 'index', type: 't', payload: 2 });
    await queue.fail(running!.token, 'boom');
    expect(await queue.stats()).toEqual({ pending: 1, leased: 0, dead: 0 });
    clock.advance(750);
    expect(await lease(queue)).toMatchObject([{ id: 'index', payload: 2, attempts: 2 }]);
  });

  it('takes a released job back unrun, its attempt not counted', async () => {
    await queue.enqueue({ id: 'a', type: 't', payload: null });
    const [job] = await lease(queue);
    expect(await queue.release(job!.token)).toBe(true);
    expect(await queue.release(job!.token)).toBe(false);
    expect(await lease(queue)).toMatchObject([{ id: 'a', attempts: 1 }]);
  });
});

describe('SQLite job queue durability', () => {
  it('keeps pending and leased jobs across a reopen of the database file', async () => {
    const filename = join(tempDataDir('shutter-jobs-'), 'shutter.db');
    const clock = createTestClock();
    let db = openDatabase({ filename });
    let queue = createSqliteJobQueue(db, clock);
    await queue.enqueue({ id: 'held', type: 't', payload: { h: 1 } });
    await queue.enqueue({ id: 'pending', type: 't', payload: { p: 1 } });
    expect((await lease(queue, 1)).map((job) => job.id)).toEqual(['held']);
    db.close();

    db = openDatabase({ filename });
    queue = createSqliteJobQueue(db, clock);
    expect(await queue.stats()).toEqual({ pending: 1, leased: 1, dead: 0 });
    clock.advance(10_000);
    // The reclaimed job is due from the moment its lease expired, after the waiting one.
    expect((await lease(queue)).map((job) => [job.id, job.attempts])).toEqual([
      ['pending', 1],
      ['held', 2],
    ]);
    db.close();
  });
});
