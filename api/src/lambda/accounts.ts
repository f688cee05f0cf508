import { createLambdaHandler } from './create-lambda-handler.js';
import { openLambdaStores } from './open-lambda-stores.js';

/** Accounts: logging in, the signed-in user, and the admin routes for users and API keys. */
export const handler = createLambdaHandler(['auth', 'me', 'users', 'apiKeys'], {
  openStores: openLambdaStores,
});
