import { DomainError, UnavailableError } from '../../domain/errors.js';

/** SSM's answers meaning "not now": throttling, server-side failures, no answer at all. */
const TRANSIENT = new Set([
  'ThrottlingException',
  'TooManyUpdates',
  'InternalServerError',
  'ServiceUnavailable',
  'RequestTimeout',
  'NetworkingError',
]);

/**
 * Turns SSM errors into domain errors: throttling, 5xx and a missing answer become
 * `UnavailableError` (503, try again); the rest (a missing parameter, access denied) are
 * configuration mistakes and pass through for a 500 and a log.
 */
export function translateSsmError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
    ?.httpStatusCode;
  if ((typeof name === 'string' && TRANSIENT.has(name)) || (status !== undefined && status >= 500))
    return new UnavailableError('The parameter store is unavailable; try again', 1, {
      cause: error,
    });
  return error;
}
