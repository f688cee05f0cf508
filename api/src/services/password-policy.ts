import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { ValidationError } from '../domain/errors.js';
import { COMMON_PASSWORDS, KEYBOARD_GRAPHS } from './common-passwords.js';

/**
 * zxcvbn's score (0–4) a chosen password needs: 3 is "safely unguessable: moderate protection from
 * offline slow-hash scenario" (≈ 10^8+ guesses), sound behind argon2id and a login lock.
 */
export const MIN_PASSWORD_SCORE = 3;

let checker: ZxcvbnFactory | undefined;
/** Built on first use: splitting and indexing the list costs a few milliseconds, once. */
const zxcvbn = () =>
  (checker ??= new ZxcvbnFactory({
    dictionary: { passwords: COMMON_PASSWORDS.split('\n') },
    graphs: KEYBOARD_GRAPHS,
  }));

/** Letters and digits only, folded: `Ana.Lima-1` and `analima1` are the same word to a guesser. */
const letters = (value: string) =>
  value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** The account's own words a guesser tries first: the email, its parts, the name and its words. */
export function personalWords({ email, name }: { email: string; name: string }): string[] {
  const [local = '', domain = ''] = email.toLowerCase().split('@');
  const words = [
    email,
    local,
    domain,
    ...local.split(/[._+-]+/),
    ...domain.split('.'),
    name,
    ...name.split(/\s+/),
  ];
  return [...new Set(words.map((w) => w.trim()).filter((w) => w.length >= 3))];
}

/**
 * Refuses a password that a guesser would try early: a common one or a variation of it (l33t,
 * reversed, with digits added, keyboard walks, repeats, dates; zxcvbn-ts with the most common
 * passwords of its list), or one made of the user's own email or name. Generated one-time
 * passwords never come here.
 * @param field the request field named in the error (`newPassword` on `PUT /me/password`)
 * @throws ValidationError on `field`
 */
export function assertStrongPassword(
  password: string,
  account: { email: string; name: string },
  field = 'newPassword',
): void {
  const own = personalWords(account);
  const core = letters(password);
  // What is left once every own word is taken out: `AnaLima-AnaLima` or `ana.lima@example2024`
  // leave (next to) nothing, so they are made of the account's own words.
  const rest = own
    .map(letters)
    .filter((word) => word.length >= 3)
    .sort((a, b) => b.length - a.length)
    .reduce((left, word) => left.split(word).join(''), core);
  const isOwn = rest !== core && rest.replace(/\p{N}+/gu, '').length < 4;
  if (isOwn) {
    throw new ValidationError('The password is too easy to guess', [
      { field, message: 'must not be your email address or name' },
    ]);
  }
  const { score } = zxcvbn().check(password, own);
  if (score < MIN_PASSWORD_SCORE) {
    throw new ValidationError('The password is too easy to guess', [
      {
        field,
        message:
          'too common or too easy to guess (a common password, a variation of one, or your own email or name); try a few unrelated words',
      },
    ]);
  }
}
