import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TOKENS, queryTokens, tokenize } from './search-tokens.js';

describe('tokenize', () => {
  it('lowercases, folds accents and splits on punctuation', () => {
    expect(tokenize("Fujifilm X100VI's f/2 — Câmera ótima!")).toEqual([
      'fujifilm',
      'x100vi',
      's',
      'f',
      '2',
      'camera',
      'otima',
    ]);
  });

  it('keeps letters and digits of other scripts', () => {
    expect(tokenize('ソニー α7')).toEqual(['ソニー', 'α7']);
  });

  it('cuts absurdly long words', () => {
    expect(tokenize('a'.repeat(100))[0]).toHaveLength(40);
  });

  it('yields nothing for punctuation alone', () => {
    expect(tokenize(' -- !! ')).toEqual([]);
  });
});

describe('queryTokens', () => {
  it('drops repeats and caps the number of words', () => {
    expect(queryTokens('Sony sony SONY a7')).toEqual(['sony', 'a7']);
    const many = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    expect(queryTokens(many)).toHaveLength(MAX_QUERY_TOKENS);
  });
});
