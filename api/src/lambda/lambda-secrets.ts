import type { Config } from '../config.js';
import type { SecretProvider } from '../ports/secret-provider.js';
import {
  createSsmSecretProvider,
  jwtSecretParameterName,
} from '../adapters/ssm/ssm-secret-provider.js';

/**
 * The JWT secret of a Lambda: the stage's SecureString in SSM Parameter Store
 * (`/shutter/{stage}/jwt-secret`), fetched on first use and cached for five minutes.
 * The entries that sign or verify tokens hand it to `openLambdaStores`.
 */
export function createLambdaSecretProvider(config: Config): SecretProvider {
  return createSsmSecretProvider({ parameterName: jwtSecretParameterName(config.stage) });
}
