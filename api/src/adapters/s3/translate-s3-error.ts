import { DomainError, UnavailableError } from '../../domain/errors.js';

/**
 * S3's answers for "slow down" and server-side failures (already retried), and no answer at all
 * (`RequestTimeout`, `NetworkingError` from the light client's deadline).
 */
const TRANSIENT = new Set([
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'RequestTimeout',
  'ThrottlingException',
  'Throttling',
  'NetworkingError',
]);

/** Whether an S3 error says the object (or its key) does not exist. */
export function isS3NotFound(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  // GetObject says NoSuchKey; HeadObject has no body, so the SDK can only say NotFound.
  return name === 'NoSuchKey' || name === 'NotFound';
}

/** Turns S3 errors (the SDK's and the light client's) into domain errors: throttling and 5xx become `UnavailableError` (503). */
export function translateS3Error(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
    ?.httpStatusCode;
  if ((typeof name === 'string' && TRANSIENT.has(name)) || (status !== undefined && status >= 500))
    return new UnavailableError('The blob store is unavailable; try again', 1, { cause: error });
  return error;
}
