import { randomUUID } from 'node:crypto';
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

interface Entry {
  seq: number;
  id: string;
  type: string;
  /** Kept as JSON so a handler can never mutate what a retry will see. */
  payload: string;
  state: 'pending' | 'leased' | 'dead';
  attempts: number;
  dueAt: number;
  enqueuedAt: number;
  token?: string;
  leaseExpiresAt?: number;
  lastError?: string;
  diedAt?: number;
}

/** The job queue in process memory, for tests: the same rules as the SQLite queue, no durability. */
export function createMemoryJobQueue(clock: Clock, options: JobQueueOptions = {}): JobQueue {
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoff ?? DEFAULT_RETRY_BACKOFF;
  const random = options.random ?? Math.random;
  let entries: Entry[] = [];
  let seq = 0;

  const now = () => clock.now().getTime();
  const pendingTwin = (entry: Entry) =>
    entries.find((e) => e !== entry && e.id === entry.id && e.state === 'pending');
  const kill = (entry: Entry, reason: string, at: number) => {
    // One dead letter per id: the newest failure replaces an older one.
    entries = entries.filter((e) => e === entry || !(e.id === entry.id && e.state === 'dead'));
    Object.assign(entry, { state: 'dead', lastError: reason, diedAt: at });
    delete entry.token;
    delete entry.leaseExpiresAt;
  };
  /** Back to pending at `dueAt`, merged into a pending request of the same id if there is one. */
  const requeue = (entry: Entry, dueAt: number, reason: string | undefined) => {
    const twin = pendingTwin(entry);
    if (twin) {
      twin.attempts = Math.max(twin.attempts, entry.attempts);
      twin.dueAt = Math.max(twin.dueAt, dueAt);
      twin.lastError = reason;
      entries = entries.filter((e) => e !== entry);
      return;
    }
    Object.assign(entry, { state: 'pending', dueAt, lastError: reason });
    delete entry.token;
    delete entry.leaseExpiresAt;
  };
  const byToken = (token: string) =>
    entries.find((e) => e.state === 'leased' && e.token === token && e.leaseExpiresAt! > now());

  return {
    async enqueue(job) {
      assertJobRequest(job);
      const payload = JSON.stringify(job.payload);
      if (entries.some((e) => e.id === job.id && e.state === 'pending')) return;
      const at = now();
      entries.push({
        seq: ++seq,
        id: job.id,
        type: job.type,
        payload,
        state: 'pending',
        attempts: 0,
        dueAt: at + (job.delayMs ?? 0),
        enqueuedAt: at,
      });
    },

    async lease({ max, leaseMs }) {
      const at = now();
      for (const expired of entries.filter(
        (e) => e.state === 'leased' && e.leaseExpiresAt! <= at,
      )) {
        if (expired.attempts >= maxAttempts) kill(expired, 'lease expired', at);
        else requeue(expired, at, 'lease expired');
      }
      const busy = new Set(entries.filter((e) => e.state === 'leased').map((e) => e.id));
      const due = entries
        .filter((e) => e.state === 'pending' && e.dueAt <= at && !busy.has(e.id))
        .sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq)
        .slice(0, Math.max(0, max));
      return due.map((entry): LeasedJob => {
        Object.assign(entry, {
          state: 'leased',
          attempts: entry.attempts + 1,
          token: randomUUID(),
          leaseExpiresAt: at + leaseMs,
        });
        return {
          id: entry.id,
          type: entry.type,
          payload: JSON.parse(entry.payload) as JsonValue,
          attempts: entry.attempts,
          token: entry.token!,
          enqueuedAt: new Date(entry.enqueuedAt),
        };
      });
    },

    async ack(token) {
      const entry = byToken(token);
      if (!entry) return false;
      entries = entries.filter((e) => e !== entry);
      return true;
    },

    async fail(token, reason) {
      const entry = byToken(token);
      if (!entry) return false;
      const at = now();
      if (entry.attempts >= maxAttempts) kill(entry, reason, at);
      else requeue(entry, at + retryDelayMs(entry.attempts, backoff, random), reason);
      return true;
    },

    async release(token) {
      const entry = byToken(token);
      if (!entry) return false;
      entry.attempts -= 1;
      requeue(entry, now(), entry.lastError);
      return true;
    },

    async listDead() {
      return entries
        .filter((e) => e.state === 'dead')
        .sort((a, b) => b.diedAt! - a.diedAt! || b.seq - a.seq)
        .map((e): DeadJob => ({
          id: e.id,
          type: e.type,
          payload: JSON.parse(e.payload) as JsonValue,
          attempts: e.attempts,
          lastError: e.lastError!,
          enqueuedAt: new Date(e.enqueuedAt),
          diedAt: new Date(e.diedAt!),
        }));
    },

    async retryDead(id) {
      const dead = entries.find((e) => e.id === id && e.state === 'dead');
      if (!dead) return false;
      if (pendingTwin(dead)) {
        entries = entries.filter((e) => e !== dead);
        return true;
      }
      Object.assign(dead, { state: 'pending', attempts: 0, dueAt: now() });
      delete dead.diedAt;
      return true;
    },

    async stats() {
      const count = (state: Entry['state']) => entries.filter((e) => e.state === state).length;
      return { pending: count('pending'), leased: count('leased'), dead: count('dead') };
    },

    async untilNextDue() {
      const due = entries.filter((e) => e.state === 'pending').map((e) => e.dueAt);
      return due.length === 0 ? undefined : Math.min(...due) - now();
    },
  };
}
