import { describe, expect, it } from 'vitest';
import { jsonNestingExceeds, MAX_JSON_DEPTH } from './json-depth.js';

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('jsonNestingExceeds', () => {
  it('lets through everything up to the limit, arrays and objects alike', () => {
    expect(jsonNestingExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(
      jsonNestingExceeds('{"a":'.repeat(MAX_JSON_DEPTH) + '1' + '}'.repeat(MAX_JSON_DEPTH)),
    ).toBe(false);
    expect(jsonNestingExceeds('{"scores":{"value":8},"pros":["a"]}', 2)).toBe(false);
  });

  it('refuses one level past the limit, and 5,000 levels', () => {
    expect(jsonNestingExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonNestingExceeds('{"a":'.repeat(5000))).toBe(true);
    expect(jsonNestingExceeds(nested(3, '{"x":[', ']}'), 5)).toBe(true);
  });

  it('counts depth, not brackets: siblings do not add up', () => {
    expect(jsonNestingExceeds('[' + '[],'.repeat(1000) + '[]]', 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds(JSON.stringify({ text: '[[[[{{{{' }), 1)).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ text: 'say \\"[[[[\\"', more: '"{{{' }), 1)).toBe(
      false,
    );
    expect(jsonNestingExceeds(`{"a":"\\\\",  "b":[[1]]}`, 2)).toBe(true);
  });
});
