import type { Clock } from '../ports/clock.js';
import { createAccessTokens } from './access-tokens.js';
import { createApiKeyService } from './api-key-service.js';
import { createAuthService } from './auth-service.js';
import { createBearerTokenResolver } from './bearer-token-resolver.js';
import type { AccountServices, ServiceOptions, Stores } from './service-types.js';
import { createUserService } from './user-service.js';

/** The stores accounts use. */
export type AccountStores = Pick<
  Stores,
  'users' | 'refreshTokens' | 'apiKeys' | 'limiter' | 'secrets'
>;

/** Logging in, the signed-in user, and the administration of users and API keys. */
export function createAccountServices(
  stores: AccountStores,
  clock: Clock,
  options: ServiceOptions = {},
): AccountServices {
  const tokens = createAccessTokens({ secrets: stores.secrets, clock, stage: options.stage });
  const { users, refreshTokens, limiter } = stores;
  return {
    auth: createAuthService({ users, refreshTokens, limiter, tokens, clock }),
    currentUser: createBearerTokenResolver({ users, tokens }),
    users: createUserService({ users: stores.users, refreshTokens: stores.refreshTokens, clock }),
    apiKeys: createApiKeyService({ keys: stores.apiKeys, limiter: stores.limiter, clock }),
  };
}
