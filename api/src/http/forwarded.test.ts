import { describe, expect, it } from 'vitest';
import { forwardedEntry } from './forwarded.js';

describe('forwardedEntry', () => {
  const header = '198.51.100.7, 10.0.0.2, 10.0.0.1';

  it('takes the entry the nearest proxy appended with one hop, never the forgeable leftmost', () => {
    expect(forwardedEntry(header, 1)).toBe('10.0.0.1');
    expect(forwardedEntry('1.2.3.4, 203.0.113.9', 1)).toBe('203.0.113.9');
  });

  it('counts further left for each more trusted proxy', () => {
    expect(forwardedEntry(header, 2)).toBe('10.0.0.2');
    expect(forwardedEntry(header, 3)).toBe('198.51.100.7');
  });

  it('gives the leftmost entry when there are fewer entries than hops', () => {
    expect(forwardedEntry(header, 5)).toBe('198.51.100.7');
    expect(forwardedEntry('203.0.113.9', 2)).toBe('203.0.113.9');
  });

  it('trusts nothing with zero hops, and nothing in an absent or empty header', () => {
    expect(forwardedEntry(header, 0)).toBeUndefined();
    expect(forwardedEntry(undefined, 1)).toBeUndefined();
    expect(forwardedEntry('', 1)).toBeUndefined();
    expect(forwardedEntry('1.2.3.4, ', 1)).toBeUndefined();
  });
});
