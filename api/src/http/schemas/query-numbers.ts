import * as z from 'zod';

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
  return z
    .string()
    .regex(INTEGER, `${description}, written as plain digits`)
    .transform(Number)
    .pipe(z.number().min(min, `at least ${min}`).max(max, `at most ${max}`))
    .default(fallback)
    .meta({ type: 'integer', minimum: min, maximum: max, default: fallback });
}

/** A decimal number in a query string, from `min` to `max`, documented as an OpenAPI number. */
export function queryDecimal({ min, max, description }: Bounds) {
  return z
    .string()
    .regex(DECIMAL, `${description}, written like 8 or 7.5`)
    .transform(Number)
    .pipe(z.number().min(min, `at least ${min}`).max(max, `at most ${max}`))
    .meta({ type: 'number', minimum: min, maximum: max });
}
