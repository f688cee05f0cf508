import type { $ZodError } from 'zod/v4/core';
import { ValidationError, type FieldError } from '../domain/errors.js';
import { Router } from './router.js';

const TARGET_NAMES: Record<string, string> = {
  param: 'path parameter',
  query: 'query parameter',
  header: 'header',
  json: 'body',
  form: 'form body',
  cookie: 'cookie',
};

/**
 * Turns a zod failure into the field list of a 400 problem. An unknown key of a strict object
 * becomes one error per key, named like any other field, so a client that sends `id` or
 * `version` is told exactly which field the server refused.
 */
export function toFieldErrors(error: $ZodError): FieldError[] {
  const name = (path: readonly PropertyKey[]) =>
    path.length > 0 ? path.map(String).join('.') : '(root)';
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: name([...issue.path, key]),
          message: 'not an accepted field: unknown, or set by the server',
        }))
      : [{ field: name(issue.path), message: issue.message }],
  );
}

/**
 * A controller's router: validation failures from any route become the one 400 problem shape,
 * thrown so that the single error handler renders them.
 */
export function createRouter(): Router {
  return new Router(({ target, error }) => {
    const where = TARGET_NAMES[target] ?? target;
    throw new ValidationError(`The request's ${where} is invalid`, toFieldErrors(error));
  });
}
