import { ConflictError, DomainError, UnavailableError } from '../../domain/errors.js';

/** DynamoDB's answers for "too many requests right now": worth a retry a moment later. */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/**
 * Failures the client has already retried (see `dynamodb-http-client.ts`): server-side errors,
 * an attempt past its timeout, a connection refused or cut. Still transient: 503 rather than 500.
 */
const TRANSIENT = new Set([
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'NetworkingError',
]);

export const CONDITIONAL_CHECK_FAILED = 'ConditionalCheckFailedException';

/** Whether a DynamoDB error is a failed `ConditionExpression`. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === CONDITIONAL_CHECK_FAILED;
}

export interface TranslateOptions {
  /** What a failed condition means for this call; a ConflictError unless the port says otherwise. */
  conditionFailed?: () => DomainError;
}

/**
 * Whether no answer came (timeout, connection refused or cut): unlike a refusal, the write may
 * have been applied, so a caller must not redo it elsewhere as if it had not.
 */
export function isUnanswered(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'NetworkingError';
}

/**
 * Turns DynamoDB errors (`DynamoDbError`, named by the exception type) into domain errors, so
 * that callers never see DynamoDB names and the HTTP layer answers alike on every store: a
 * failed condition is a conflict (or what the port says), and throttling or unavailability is
 * `UnavailableError`, which the HTTP layer renders as 503 with Retry-After.
 */
export function translateDynamoDbError(
  error: unknown,
  what: string,
  options: TranslateOptions = {},
): unknown {
  if (error instanceof DomainError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name !== 'string') return error;
  if (name === CONDITIONAL_CHECK_FAILED) {
    return options.conditionFailed?.() ?? new ConflictError(`${what} already exists`);
  }
  if (THROTTLING.has(name)) {
    return new UnavailableError(`The ${what.toLowerCase()} store is busy; try again`, 1, {
      cause: error,
    });
  }
  if (TRANSIENT.has(name)) {
    return new UnavailableError(`The ${what.toLowerCase()} store is unavailable; try again`, 1, {
      cause: error,
    });
  }
  return error;
}

/** Runs `fn`, rethrowing any DynamoDB error as a domain error. */
export async function withDynamoDbErrors<T>(
  what: string,
  fn: () => Promise<T>,
  options?: TranslateOptions,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw translateDynamoDbError(error, what, options);
  }
}
