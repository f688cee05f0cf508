import { describe, expect, it } from 'vitest';
import { foldKey, hasUnsafeCharacters, normalizeText } from './text.js';

describe('hasUnsafeCharacters', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['escape', 'a\u001b[31mred'],
    ['line feed in a line', 'a\nb'],
    ['tab in a line', 'a\tb'],
    ['carriage return', 'a\rb'],
    ['DEL', 'a\u007fb'],
    ['C1 control', 'a\u0085b'],
    ['right-to-left override', 'safe\u202Etxt.exe'],
    ['left-to-right embedding', '\u202Aa'],
    ['pop directional formatting', 'a\u202C'],
    ['first-strong isolate', 'a\u2068b\u2069'],
    ['right-to-left isolate', '\u2067a'],
    ['lone high surrogate', 'a\ud83db'],
    ['lone low surrogate', 'a\udc00'],
  ])('refuses %s', (_label, value) => {
    expect(hasUnsafeCharacters(value)).toBe(true);
  });

  it.each([
    ['plain text', 'Fujifilm X100VI'],
    ['accents and scripts', 'Señor Łódź 東京 Ελλάδα'],
    ['an emoji (a surrogate pair)', 'great 📷 👍🏽'],
    ['a joined emoji', '👩‍💻'],
    ['right-to-left marks', 'كاميرا \u200FSony A7\u200F رائعة \u200E\u061C'],
    ['Hebrew', 'מצלמה מצוינת'],
  ])('accepts %s', (_label, value) => {
    expect(hasUnsafeCharacters(value)).toBe(false);
  });

  it('accepts line feeds and tabs in multi-line text, nothing else', () => {
    expect(hasUnsafeCharacters('# Title\n\n\tcode\n', { multiline: true })).toBe(false);
    expect(hasUnsafeCharacters('a\u0000b', { multiline: true })).toBe(true);
    expect(hasUnsafeCharacters('a\u202Eb', { multiline: true })).toBe(true);
    expect(hasUnsafeCharacters('a\rb', { multiline: true })).toBe(true);
  });
});

describe('normalizeText', () => {
  it('stores NFC: a decomposed é becomes the composed one', () => {
    const decomposed = 'Cafe\u0301';
    expect(normalizeText(decomposed)).toBe('Caf\u00e9');
    expect(normalizeText(decomposed)).toHaveLength(4);
  });

  it('keeps compatibility characters as typed (NFC, not NFKC)', () => {
    expect(normalizeText('Ｆａｓｔ ﬁ')).toBe('Ｆａｓｔ ﬁ');
  });

  it('turns CRLF and lone CR into LF in multi-line text only', () => {
    expect(normalizeText('a\r\nb\rc', { multiline: true })).toBe('a\nb\nc');
    expect(normalizeText('a\r\nb')).toBe('a\r\nb');
  });
});

describe('foldKey', () => {
  it.each([
    ['Ｆａｓｔ AF', 'fast af'],
    ['FAST  AF ', 'fast af'],
    ['Cafe\u0301', 'café'],
    ['ﬁne', 'fine'],
    ['STRASSE', 'strasse'],
  ])('folds %j to %j', (value, key) => {
    expect(foldKey(value)).toBe(key);
  });
});
