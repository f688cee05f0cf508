import { ConfigError } from '../config.js';

/**
 * A setting the CDK passes to every function that needs it: missing, the deployment is broken,
 * and the function says which variable at its first invocation rather than failing obscurely.
 * A `ConfigError`, so the invocation fails loudly rather than answering 503 (a cold start that
 * may succeed next time; see createLambdaHandler).
 */
export function requiredSetting(value: string | undefined, name: string): string {
  if (!value) throw new ConfigError([`${name} is not set: this function needs it (see infra/lib)`]);
  return value;
}
