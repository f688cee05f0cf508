import * as z from 'zod/mini';
import { withMeta } from './with-meta.js';

/**
 * Numbers in a query string are read strictly: plain decimal digits, no sign, no leading zeros,
 * no spaces, no `0x10`, `1e1` or `Infinity`, all of which `z.coerce.number()` would accept. A
 * client that sends something else learns so (400) instead of getting a surprising page.
 */
const INTEGER = /^(0|[1-9][0-9]*)$/;
/** A decimal with an optional fraction: `8`, `7.5`, `0.25`; not `.5`, `8.`, `+8` or `08`. */
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

interface Bounds {
  min: number;
  max: number;
  /** What the value is, e.g. `a whole number from 1 to 100`: the start of each message. */
  description: string;
}

/**
 * A whole number in a query string, from `min` to `max`, `fallback` when absent, documented as
 * an OpenAPI integer.
 */
export function queryInteger({ min, max, description, fallback }: Bounds & { fallback: number }) {
  return withMeta(
    z._default(
      z.pipe(
        z.pipe(
          z.string().check(z.regex(INTEGER, `${description}, written as plain digits`)),
          z.transform(Number),
        ),
        z.number().check(z.minimum(min, `at least ${min}`), z.maximum(max, `at most ${max}`)),
      ),
      fallback,
    ),
    { type: 'integer', minimum: min, maximum: max, default: fallback },
  );
}

/** A decimal number in a query string, from `min` to `max`, documented as an OpenAPI number. */
export function queryDecimal({ min, max, description }: Bounds) {
  return withMeta(
    z.pipe(
      z.pipe(
        z.string().check(z.regex(DECIMAL, `${description}, written like 8 or 7.5`)),
        z.transform(Number),
      ),
      z.number().check(z.minimum(min, `at least ${min}`), z.maximum(max, `at most ${max}`)),
    ),
    { type: 'number', minimum: min, maximum: max },
  );
}
