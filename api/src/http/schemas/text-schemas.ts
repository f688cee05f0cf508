import * as z from 'zod/mini';
import {
  hasUnsafeCharacters,
  normalizeText,
  UNSAFE_TEXT_MESSAGE,
  type TextKind,
} from '../../domain/text.js';

/** A string schema of either zod API: both take zod's core checks through `.check()`. */
type StringSchema = z.core.$ZodType<string, string> & {
  check(...checks: z.core.$ZodCheck<string>[]): unknown;
};

/**
 * A client's text as stored: NFC (and `\n` line ends for multi-line text), refused with a field
 * error when it holds control characters, bidi overrides or isolates, or lone surrogates. The
 * rules live in `domain/text.ts`; services apply them again for callers that bypass HTTP.
 * Returns a schema of the same kind (zod/mini or classic) as it is given: the checks are zod's
 * core ones, which classic's `.overwrite()` and `.refine()` add as well.
 */
export function safeText<S extends StringSchema>(schema: S, kind: TextKind = {}): S {
  return schema.check(
    z.overwrite((value: string) => normalizeText(value, kind)),
    z.refine((value: string) => !hasUnsafeCharacters(value, kind), UNSAFE_TEXT_MESSAGE),
  ) as S;
}
