import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { SecretProvider } from '../../ports/secret-provider.js';
import { jwtSecretBytes } from '../secret-bytes.js';

export interface SsmSecretProviderOptions {
  /** The parameter's name, e.g. `/shutter/pro/jwt-secret` (a SecureString). */
  parameterName: string;
  /** How long a fetched value is reused before SSM is asked again. */
  maxAgeSeconds?: number;
  /** A preconfigured client; tests pass a mocked one. */
  client?: SSMClient;
}

/** The parameter that holds a stage's JWT secret. */
export function jwtSecretParameterName(stage: string): string {
  return `/shutter/${stage}/jwt-secret`;
}

/**
 * The JWT secret from SSM Parameter Store, decrypted and cached by Powertools. The cache expires
 * so that a rotated secret reaches running instances without a redeploy.
 */
export function createSsmSecretProvider({
  parameterName,
  maxAgeSeconds = 300,
  client,
}: SsmSecretProviderOptions): SecretProvider {
  const provider = new SSMProvider(client ? { awsSdkV3Client: client } : {});
  return {
    async getJwtSecret() {
      const value = await provider.get(parameterName, { decrypt: true, maxAge: maxAgeSeconds });
      if (typeof value !== 'string') throw new Error(`SSM parameter ${parameterName} has no value`);
      return jwtSecretBytes(value, `SSM parameter ${parameterName}`);
    },
  };
}
