import { apiKeysRoutes } from '../http/routes/api-keys.js';
import { authRoutes } from '../http/routes/auth.js';
import { meRoutes } from '../http/routes/me.js';
import { usersRoutes } from '../http/routes/users.js';
import { createAccountServices } from '../services/account-services.js';
import type { AccountServices } from '../services/service-types.js';
import { createLambdaHandler, type LambdaFunction } from './create-lambda-handler.js';
import { createLambdaSecretProvider } from './lambda-secrets.js';
import { openLambdaStores } from './open-lambda-stores.js';

/** Accounts: logging in, the signed-in user, and the admin routes for users and API keys. */
export const accountsFunction: LambdaFunction<AccountServices> = {
  controllers: [authRoutes, meRoutes, usersRoutes, apiKeysRoutes],
  services: createAccountServices,
};

export const handler = createLambdaHandler(accountsFunction, {
  openStores: (config) => openLambdaStores(config, createLambdaSecretProvider),
});
