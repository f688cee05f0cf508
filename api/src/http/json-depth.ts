/** The deepest nesting of arrays and objects a JSON body may have; a review needs 2. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether `text` nests arrays or objects deeper than `maxDepth`, by one linear scan that counts
 * `[`/`{` against `]`/`}` outside strings. It does not validate the JSON (the parser does that
 * next); it only stops a body like `[[[[…` 5,000 deep before the recursive parser and the
 * schema walk it, which would overflow the stack.
 */
export function jsonNestingExceeds(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      if (++depth > maxDepth) return true;
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}
