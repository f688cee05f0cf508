import type { SecretProvider } from '../../ports/secret-provider.js';
import { jwtSecretBytes } from '../secret-bytes.js';
import { createSsmGetParameter, type GetParameter } from './ssm-get-parameter.js';
import { translateSsmError } from './translate-ssm-error.js';

export interface SsmSecretProviderOptions {
  /** The parameter's name, e.g. `/shutter/pro/jwt-secret` (a SecureString). */
  parameterName: string;
  /** How long a fetched value is reused before SSM is asked again. */
  maxAgeSeconds?: number;
  /** Reads a parameter; SSM's `GetParameter` from the environment's region by default. */
  getParameter?: GetParameter;
  now?: () => number;
}

/** The parameter that holds a stage's JWT secret. */
export function jwtSecretParameterName(stage: string): string {
  return `/shutter/${stage}/jwt-secret`;
}

/**
 * The JWT secret from SSM Parameter Store, decrypted, and cached for `maxAgeSeconds` (five
 * minutes) so that a rotated secret reaches running instances without a redeploy. The caching is
 * what Powertools' `SSMProvider` did here before (`maxAge: 300`): a failed read is not cached and
 * not papered over with the old value, it fails the request (503 when SSM is throttling or down)
 * and the next request asks again. Reads in flight at once share one request.
 */
export function createSsmSecretProvider({
  parameterName,
  maxAgeSeconds = 300,
  getParameter = createSsmGetParameter(),
  now = Date.now,
}: SsmSecretProviderOptions): SecretProvider {
  let cached: { bytes: Uint8Array; until: number } | undefined;
  let pending: Promise<Uint8Array> | undefined;

  async function read(): Promise<Uint8Array> {
    let value: string | undefined;
    try {
      value = await getParameter(parameterName, { decrypt: true });
    } catch (error) {
      throw translateSsmError(error);
    }
    if (!value) throw new Error(`SSM parameter ${parameterName} has no value`);
    const bytes = jwtSecretBytes(value, `SSM parameter ${parameterName}`);
    cached = { bytes, until: now() + maxAgeSeconds * 1000 };
    return bytes;
  }

  return {
    getJwtSecret() {
      if (cached && now() < cached.until) return Promise.resolve(cached.bytes);
      pending ??= read().finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}
