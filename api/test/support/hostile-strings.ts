import fc from 'fast-check';

/**
 * Characters a stored text field must refuse (issue 11, "Unicode"): C0 controls other than tab,
 * newline and carriage return (which Markdown needs), DEL, bidi overrides and isolates, and lone
 * surrogates. Each is sent inside otherwise valid text, so only the character can be the reason.
 */
export const FORBIDDEN_CHARACTERS = {
  control: ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f'],
  bidi: ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'],
  surrogate: ['\ud800', '\udbff', '\udc00', '\udfff'],
} as const;

export type ForbiddenKind = keyof typeof FORBIDDEN_CHARACTERS;

/** `base` with one forbidden character of `kind` inserted somewhere, length unchanged or +1. */
export function withForbiddenCharacter(base: string, kind?: ForbiddenKind): fc.Arbitrary<string> {
  const kinds = kind ? [kind] : (Object.keys(FORBIDDEN_CHARACTERS) as ForbiddenKind[]);
  const chars = kinds.flatMap((k) => [...FORBIDDEN_CHARACTERS[k]]);
  return fc
    .tuple(fc.constantFrom(...chars), fc.nat({ max: base.length }))
    .map(([char, at]) => base.slice(0, at) + char + base.slice(at));
}

/** Snippets aimed at SQL, HTML, templates, paths and prototype lookups. */
export const HOSTILE_SNIPPETS = [
  "' OR '1'='1",
  "1' OR 1=1 --",
  '"; DROP TABLE reviews; --',
  "'; SELECT * FROM users; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '${7*7}',
  '{{7*7}}',
  '%00',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'null',
  'undefined',
  '[object Object]',
  '\u202egnp.exe',
  'A\u0000B',
  '\ud83d',
  '🙂'.repeat(20),
  'Ｓｏｎｙ',
];

/**
 * Hostile strings for places that only accept a narrow shape (ids, enums, slugs, headers,
 * cursors): snippets, forbidden characters, random binary text, and very long runs.
 */
export function hostileString(options: { maxLength?: number } = {}): fc.Arbitrary<string> {
  const long = options.maxLength ?? 10_000;
  return fc.oneof(
    fc.constantFrom(...HOSTILE_SNIPPETS),
    withForbiddenCharacter('abc'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
    fc.integer({ min: 1, max: long }).map((n) => 'A'.repeat(n)),
    fc
      .tuple(fc.constantFrom(...HOSTILE_SNIPPETS), fc.integer({ min: 1, max: 50 }))
      .map(([s, n]) => s.repeat(n)),
  );
}

/**
 * Percent-encodes a string for a path segment or query value. Unlike encodeURIComponent it does
 * not throw on a lone surrogate: it sends the surrogate's (invalid) UTF-8 bytes, as a hostile
 * client would.
 */
export function percentEncode(value: string): string {
  let out = '';
  for (const ch of Array.from(value)) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
        .map((b) => '%' + b.toString(16).toUpperCase())
        .join('');
    } else {
      out += encodeURIComponent(ch).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16));
    }
  }
  return out;
}

/** Header values a client can actually send (visible ASCII and spaces), hostile in content. */
export function hostileHeaderValue(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      ...HOSTILE_SNIPPETS.filter((s) => /^[\x20-\x7e]+$/.test(s)),
      'null',
      '*',
      'Bearer',
      'Bearer ',
    ),
    fc.string({ minLength: 1, maxLength: 200 }).map((s) => s.replace(/[^\x21-\x7e]/g, 'x')),
    fc.integer({ min: 1, max: 8_000 }).map((n) => 'a'.repeat(n)),
  );
}
