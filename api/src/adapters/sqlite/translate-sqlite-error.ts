import { ConflictError, DomainError, UnavailableError } from '../../domain/errors.js';

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
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return new UnavailableError('The database is busy; try again', 1, { cause: error });
    }
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
