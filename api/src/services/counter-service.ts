import { createHash, randomBytes } from 'node:crypto';
import {
  assertCounterId,
  DAILY_HISTORY_DAYS,
  type CounterView,
  type DayTotals,
  type VisitResult,
} from '../domain/counter.js';
import { endOfUtcDay, lastUtcDays, utcDay } from '../domain/day.js';
import { NotFoundError } from '../domain/errors.js';
import type { Clock } from '../ports/clock.js';
import type { CounterStore } from '../ports/counter-store.js';
import type { SaltStore } from '../ports/salt-store.js';

/** Who is visiting, as far as telling unique visitors apart needs; never stored as such. */
export interface VisitorFingerprint {
  ip: string;
  userAgent: string;
}

export interface CounterService {
  /** Counts one visit and returns the new total and today's figures. */
  recordVisit(counterId: string, visitor: VisitorFingerprint): Promise<VisitResult>;
  /** Reads a counter with its last 30 days. @throws NotFoundError for a counter never visited. */
  getCounter(counterId: string): Promise<CounterView>;
  /**
   * The figures a visit would return, without counting one: for a visitor who asked not to be
   * counted (Global Privacy Control, Do Not Track) or a bot. A counter never visited reads zero.
   */
  peekVisit(counterId: string): Promise<VisitResult>;
}

/** A UTC day as the counter uses it. */
interface UtcDayFacts {
  /** `YYYY-MM-DD`. */
  day: string;
  /** The next midnight, when the day's visitor markers and salt expire. */
  expiresAt: Date;
  /** The last {@link DAILY_HISTORY_DAYS} days ending with this one, oldest first. */
  history: readonly string[];
}

const DAY_MS = 86_400_000;

export interface CounterServiceDeps {
  counters: CounterStore;
  salts: SaltStore;
  clock: Clock;
}

export function createCounterService({
  counters,
  salts,
  clock,
}: CounterServiceDeps): CounterService {
  // The salt changes once a day; keeping it here saves a store round trip on every visit.
  let cachedSalt: { day: string; salt: string } | undefined;

  // What a visit needs to know about its UTC day (the day, its end, the last 30 days), made once
  // a day: made per request, the date strings were a tenth of reading a counter in the profile.
  let today: (UtcDayFacts & { from: number; until: number }) | undefined;
  function dayOf(at: Date): UtcDayFacts {
    const ms = at.getTime();
    if (today === undefined || ms < today.from || ms >= today.until) {
      const expiresAt = endOfUtcDay(at);
      today = {
        day: utcDay(at),
        expiresAt,
        history: lastUtcDays(at, DAILY_HISTORY_DAYS),
        from: expiresAt.getTime() - DAY_MS,
        until: expiresAt.getTime(),
      };
    }
    return today;
  }

  async function saltFor(day: string, expiresAt: Date): Promise<string> {
    if (cachedSalt?.day === day) return cachedSalt.salt;
    const salt = await salts.getOrCreateSalt(day, randomBytes(32).toString('base64url'), expiresAt);
    cachedSalt = { day, salt };
    return salt;
  }

  return {
    async recordVisit(counterId, visitor) {
      assertCounterId(counterId);
      const at = clock.now();
      const { day, expiresAt } = dayOf(at);
      const salt = await saltFor(day, expiresAt);
      const visitorHash = createHash('sha256')
        .update(`${salt}\n${counterId}\n${visitor.ip}\n${visitor.userAgent}`)
        .digest('base64url');
      const recorded = await counters.recordVisit({ counterId, day, visitorHash, expiresAt, at });
      return { id: counterId, count: recorded.count, today: recorded.today };
    },

    async getCounter(counterId) {
      assertCounterId(counterId);
      const days = dayOf(clock.now()).history;
      const stored = await counters.getCounter(counterId, days);
      if (!stored) throw new NotFoundError(`Counter "${counterId}" has no visits yet`);
      const byDay = new Map(stored.days.map((d) => [d.date, d]));
      const daily: DayTotals[] = days.map(
        (date) => byDay.get(date) ?? { date, count: 0, uniqueVisitors: 0 },
      );
      return { id: counterId, count: stored.count, today: daily[daily.length - 1]!, daily };
    },

    async peekVisit(counterId) {
      assertCounterId(counterId);
      const { day } = dayOf(clock.now());
      const stored = await counters.getCounter(counterId, [day]);
      const today = stored?.days.find((d) => d.date === day);
      return {
        id: counterId,
        count: stored?.count ?? 0,
        today: today ?? { date: day, count: 0, uniqueVisitors: 0 },
      };
    },
  };
}
