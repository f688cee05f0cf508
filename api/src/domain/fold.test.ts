import { describe, expect, it } from 'vitest';
import { foldText, nameKey } from './fold.js';

describe('foldText', () => {
  it.each([
    ['Cámara Ñandú', 'camara nandu'],
    ['Sony α7 IV', 'sony a7 iv'],
    ['ΑΛΦΑ', 'alfa'],
    ['Nikon Z6ΙΙ', 'nikon z6ii'],
    ['Straße Ærø Łódź œuvre', 'strasse aero lodz oeuvre'],
    ['3.8 µm', '3.8 um'],
    ['ﬁsheye ²', 'fisheye 2'],
    ['ソニー', 'ソニー'],
  ])('%j → %j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('is idempotent, so folding a query twice changes nothing', () => {
    for (const text of ['Cámara α7 Straße', 'ΑΒΓ ﬁ', 'plain']) {
      expect(foldText(foldText(text))).toBe(foldText(text));
    }
  });
});

describe('nameKey', () => {
  it('groups case and width variants of a name', () => {
    expect(new Set(['Sony', 'SONY', 'Ｓｏｎｙ', ' sony ', 'so\u3000ny'].map(nameKey)).size).toBe(2);
    expect(nameKey('Ｓｏｎｙ')).toBe('sony');
    expect(nameKey('  OM   System ')).toBe('om system');
  });

  it('folds case fully but keeps accents apart', () => {
    expect(nameKey('STRASSE')).toBe(nameKey('Straße'));
    expect(nameKey('Citroën')).not.toBe(nameKey('Citroen'));
  });
});
