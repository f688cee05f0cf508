import { ValidationError } from './errors.js';

/** S3's own limit on a key, in UTF-8 bytes. */
export const MAX_BLOB_KEY_BYTES = 1024;

/**
 * Checks a blob key before any adapter uses it. Keys are `/`-separated paths such as
 * `reviews/abc/detail.json`. The rules are the intersection of what S3 and a filesystem accept
 * safely: no leading `/`, no empty, `.` or `..` segment (a key must never reach outside the
 * filesystem adapter's root), no control characters, at most 1,024 UTF-8 bytes.
 * @throws ValidationError naming the key when it breaks a rule.
 */
export function assertBlobKey(key: string): void {
  const problem = blobKeyProblem(key);
  if (problem)
    throw new ValidationError(`Invalid blob key: ${problem}`, [{ field: 'key', message: problem }]);
}

function blobKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'it is empty';
  if (new TextEncoder().encode(key).length > MAX_BLOB_KEY_BYTES)
    return `it is longer than ${MAX_BLOB_KEY_BYTES} bytes`;
  // Lone surrogates cannot be encoded as UTF-8, so S3 and the filesystem would see another key.
  if (/[\uD800-\uDFFF]/u.test(key)) return 'it is not well-formed Unicode';
  if (/[\p{Cc}]/u.test(key)) return 'it holds a control character';
  if (key.startsWith('/')) return 'it starts with "/"';
  for (const segment of key.split('/')) {
    if (segment === '') return 'it has an empty segment';
    if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
  }
  return undefined;
}

/** Checks a prefix for `list`: empty, or a key's beginning (it may end with `/`). */
export function assertBlobPrefix(prefix: string): void {
  if (prefix === '') return;
  assertBlobKey(prefix.endsWith('/') ? `${prefix}x` : prefix);
}

/**
 * Checks user metadata before a put. S3 sends it as `x-amz-meta-*` headers, which lower-case the
 * names and carry only printable ASCII values, so every adapter accepts only what S3 returns
 * unchanged.
 */
export function assertBlobMetadata(metadata: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(metadata)) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
      throw new ValidationError(`Invalid blob metadata name "${name}"`, [
        { field: `metadata.${name}`, message: 'lower-case letters, digits and "-" only' },
      ]);
    if (!/^[\x20-\x7e]*$/.test(value))
      throw new ValidationError(`Invalid blob metadata value for "${name}"`, [
        { field: `metadata.${name}`, message: 'printable ASCII only' },
      ]);
  }
}

/**
 * Orders keys as S3 lists them: by their UTF-8 bytes, which is code point order. JS's default
 * string order compares UTF-16 units instead and puts e.g. `\u{1F600}` before `\uFFFD`.
 */
export function compareBlobKeys(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const diff = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
}
