import { DomainError, UnavailableError } from '../../domain/errors.js';

/**
 * SQS's answers meaning "not now": throttling and server-side failures (already retried), and no
 * answer at all (`RequestTimeout`, `NetworkingError` from the light client's deadline).
 */
const TRANSIENT = new Set([
  'RequestThrottled',
  'ThrottlingException',
  'KmsThrottled',
  'ServiceUnavailable',
  'InternalError',
  'InternalFailure',
  'RequestTimeout',
  'NetworkingError',
]);

/** Turns SQS errors into domain errors, so a failed enqueue is a 503, never a 500. */
export function translateSqsError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
    ?.httpStatusCode;
  if (
    (typeof name === 'string' && TRANSIENT.has(name)) ||
    (status !== undefined && status >= 500)
  ) {
    return new UnavailableError('The job queue is unavailable; try again', 1, { cause: error });
  }
  return error;
}
