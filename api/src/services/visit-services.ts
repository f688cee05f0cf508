import type { Clock } from '../ports/clock.js';
import { createApiKeyService } from './api-key-service.js';
import { createCounterService } from './counter-service.js';
import { createPublicCounterService } from './counter-settings-service.js';
import type { Stores, VisitServices } from './service-types.js';

/** The visitor counter's services: no tokens, passwords or Markdown anywhere near them. */
/** The stores the visitor counter uses. */
export type VisitStores = Pick<
  Stores,
  'counters' | 'salts' | 'counterSettings' | 'apiKeys' | 'limiter'
>;

export function createVisitServices(stores: VisitStores, clock: Clock): VisitServices {
  return {
    counters: createCounterService({ counters: stores.counters, salts: stores.salts, clock }),
    // The visits function looks a key up on every visit; a revocation (made by the accounts
    // function, another process) reaches it within these 5 s (docs/design.md).
    apiKeys: createApiKeyService({
      keys: stores.apiKeys,
      limiter: stores.limiter,
      clock,
      cacheTtlMs: 5_000,
    }),
    publicCounters: createPublicCounterService({
      counters: stores.counters,
      settings: stores.counterSettings,
      clock,
    }),
  };
}
