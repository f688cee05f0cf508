import { assertCounterId } from '../domain/counter.js';
import { NotFoundError } from '../domain/errors.js';
import type { Clock } from '../ports/clock.js';
import type { CounterSettingsStore } from '../ports/counter-settings-store.js';
import type { CounterStore } from '../ports/counter-store.js';
import type { ApiKeyService } from './api-key-service.js';

/** A public counter's total, for its badge. */
export interface PublicTotal {
  id: string;
  count: number;
}

/** Counters their owner chose to show to anyone, without a key. */
export interface PublicCounterService {
  /** Marks a counter public (its badge answers without a key) or private again. */
  setPublic(counterId: string, isPublic: boolean): Promise<{ id: string; public: boolean }>;
  /**
   * The total of a public counter (zero if never visited).
   * @throws NotFoundError for a counter that is not public: whether it exists is not said.
   */
  publicTotal(counterId: string): Promise<PublicTotal>;
}

export function createPublicCounterService(deps: {
  counters: CounterStore;
  settings: CounterSettingsStore;
  clock: Clock;
}): PublicCounterService {
  return {
    async setPublic(counterId, isPublic) {
      assertCounterId(counterId);
      await deps.settings.setPublic(counterId, isPublic, deps.clock.now());
      return { id: counterId, public: isPublic };
    },
    async publicTotal(counterId) {
      assertCounterId(counterId);
      if (!(await deps.settings.isPublic(counterId))) {
        throw new NotFoundError(`No public counter "${counterId}"`);
      }
      const stored = await deps.counters.getCounter(counterId, []);
      return { id: counterId, count: stored?.count ?? 0 };
    },
  };
}

/** The counter ids the server's own reader pages count: the site total and each review's page. */
export const SITE_KEY_SCOPE = ['default', 'review-*'] as const;

/** The API key the server's own reader pages embed to count themselves. */
export interface SiteCounterService {
  /** The site key (`shk_…`), or `undefined` before first-run setup made one. */
  key(): Promise<string | undefined>;
  /**
   * Makes the site key if there is none: an ordinary API key scoped to `default,review-*`, listed
   * and revocable like any other, whose secret is also kept in the counter settings so the page
   * renderer can embed it. @returns the key, and whether this call made it.
   */
  ensureKey(): Promise<{ key: string; created: boolean }>;
}

export function createSiteCounterService(deps: {
  settings: CounterSettingsStore;
  apiKeys: ApiKeyService;
}): SiteCounterService {
  // Never changes once made, so one read per process is enough.
  let cached: string | undefined;
  return {
    async key() {
      cached ??= await deps.settings.getSiteKey();
      return cached;
    },
    async ensureKey() {
      const existing = await deps.settings.getSiteKey();
      if (existing) return { key: (cached = existing), created: false };
      const made = await deps.apiKeys.create({
        name: 'site (the reader pages count themselves)',
        scope: SITE_KEY_SCOPE,
      });
      const kept = await deps.settings.putSiteKeyIfAbsent(made.key);
      // Another process made one first: ours would be an unused live key.
      if (kept !== made.key) await deps.apiKeys.revoke(made.id);
      return { key: (cached = kept), created: kept === made.key };
    },
  };
}
