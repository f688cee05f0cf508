import type * as z from 'zod';
import {
  hasUnsafeCharacters,
  normalizeText,
  UNSAFE_TEXT_MESSAGE,
  type TextKind,
} from '../../domain/text.js';

/**
 * A client's text as stored: NFC (and `\n` line ends for multi-line text), refused with a field
 * error when it holds control characters, bidi overrides or isolates, or lone surrogates. The
 * rules live in `domain/text.ts`; services apply them again for callers that bypass HTTP.
 */
export function safeText(schema: z.ZodString, kind: TextKind = {}): z.ZodString {
  return schema
    .overwrite((value) => normalizeText(value, kind))
    .refine((value) => !hasUnsafeCharacters(value, kind), UNSAFE_TEXT_MESSAGE);
}
