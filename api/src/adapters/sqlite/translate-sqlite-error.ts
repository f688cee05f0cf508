import { ConflictError, DomainError, UnavailableError } from '../../domain/errors.js';

/**
 * Storage failures that are the machine's, not the request's: the write was not stored, and
 * the client may retry once an operator has acted (space freed, the file system made writable,
 * the database restored). Each becomes a 503 with `Retry-After`, never a 500 or a false success.
 */
const STORAGE_FAILURES: readonly { prefix: string; reason: string; retryAfterSeconds: number }[] = [
  { prefix: 'SQLITE_FULL', reason: 'the disk is full', retryAfterSeconds: 30 },
  { prefix: 'SQLITE_READONLY', reason: 'the database is read-only', retryAfterSeconds: 30 },
  { prefix: 'SQLITE_IOERR', reason: 'the disk failed a read or write', retryAfterSeconds: 30 },
  {
    prefix: 'SQLITE_CANTOPEN',
    reason: 'the database file cannot be opened',
    retryAfterSeconds: 30,
  },
  { prefix: 'SQLITE_CORRUPT', reason: 'the database file is damaged', retryAfterSeconds: 60 },
  { prefix: 'SQLITE_NOTADB', reason: 'the database file is damaged', retryAfterSeconds: 60 },
  { prefix: 'SQLITE_BUSY', reason: 'the database is busy', retryAfterSeconds: 1 },
  { prefix: 'SQLITE_LOCKED', reason: 'the database is busy', retryAfterSeconds: 1 },
];

/** Turns driver errors into domain errors so that callers never see SQL or driver codes. */
export function translateSqliteError(error: unknown, what: string): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (
      code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') ||
      code.startsWith('SQLITE_CONSTRAINT_UNIQUE')
    ) {
      return new ConflictError(`${what} already exists`);
    }
    const failure = STORAGE_FAILURES.find((f) => code.startsWith(f.prefix));
    if (failure) {
      return new UnavailableError(
        `Storage is unavailable: ${failure.reason}; try again later`,
        failure.retryAfterSeconds,
        { cause: error },
      );
    }
  }
  // better-sqlite3 throws a TypeError once the handle is closed (the file guard closes it when the
  // database file disappears; shutdown closes it too).
  if (error instanceof TypeError && /database connection is not open/.test(error.message)) {
    return new UnavailableError('Storage is unavailable: the database is closed', 30, {
      cause: error,
    });
  }
  return error;
}

/** Runs `fn`, rethrowing any driver error as a domain error. */
export function withSqliteErrors<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw translateSqliteError(error, what);
  }
}
