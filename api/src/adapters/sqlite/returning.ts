import type Database from 'better-sqlite3';

/**
 * Runs a write that has a `RETURNING` clause and gives back its first row (or `undefined`).
 *
 * Never read such a write with `.get()`: better-sqlite3 steps the statement once, takes the row
 * and resets it, and in autocommit mode the commit happens on that reset, whose error (a full
 * disk, a read-only file) is dropped — the caller gets a row for a change that was never stored.
 * `.all()` steps to the end, so a failed commit throws like any other error.
 */
export function writeReturning<Params extends unknown[], Row>(
  statement: Database.Statement<Params, Row>,
  ...params: Params
): Row | undefined {
  return statement.all(...params)[0];
}
