import { describe, expect, it } from 'vitest';
// Only zod/mini here, as in a Lambda bundle: classic zod, which the OpenAPI builder loads in
// the other HTTP tests, registers English messages on its own and would hide a missing locale.
import * as z from 'zod/mini';
import { Router } from './router.js';

describe('zod messages without classic zod', () => {
  it('are the English ones classic zod gives, not a bare "Invalid input"', () => {
    void Router; // its module sets zod's messages up
    const result = z
      .object({ brand: z.optional(z.string().check(z.maxLength(40))), type: z.enum(['a', 'b']) })
      .safeParse({ brand: 'x'.repeat(41), type: 'c' });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Too big: expected string to have <=40 characters',
      'Invalid option: expected one of "a"|"b"',
    ]);
  });
});
