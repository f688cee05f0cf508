import type { ApiKeyStore } from '../ports/api-key-store.js';
import type { Clock } from '../ports/clock.js';
import type { CounterStore } from '../ports/counter-store.js';
import type { CurrentUserResolver } from '../ports/current-user.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { SaltStore } from '../ports/salt-store.js';
import { createApiKeyService, type ApiKeyService } from './api-key-service.js';
import { createCounterService, type CounterService } from './counter-service.js';
import { UnauthenticatedError } from '../domain/errors.js';

/** One adapter per port: what an entry point chooses (memory, SQLite or DynamoDB). */
export interface Stores {
  counters: CounterStore;
  salts: SaltStore;
  apiKeys: ApiKeyStore;
  limiter: RateLimiter;
  /** Releases connections and file handles; safe to call once at shutdown. */
  close(): Promise<void>;
}

export interface Services {
  counters: CounterService;
  apiKeys: ApiKeyService;
  /** Resolves bearer tokens for the editor and admin routes. */
  currentUser: CurrentUserResolver;
}

/** Builds every service from a set of stores: the one place services are assembled. */
export function createServices(stores: Stores, clock: Clock): Services {
  return {
    counters: createCounterService({ counters: stores.counters, salts: stores.salts, clock }),
    apiKeys: createApiKeyService({ keys: stores.apiKeys, limiter: stores.limiter, clock }),
    // Accounts arrive with their own issue; until then no bearer token is valid.
    currentUser: {
      resolve: async () => {
        throw new UnauthenticatedError('Editor accounts are not available yet', 'Bearer');
      },
    },
  };
}
