import { describe, expect, it } from 'vitest';
import { assertCounterId, isCounterId } from './counter.js';
import { ValidationError } from './errors.js';

describe('counter ids', () => {
  it.each(['default', 'a', '9lives', 'review-x100v', 'blog.post_1', 'a'.repeat(64)])(
    'accepts %j',
    (id) => {
      expect(isCounterId(id)).toBe(true);
    },
  );

  it.each(['', 'A', '-a', '.a', '_a', 'a'.repeat(65), 'a/b', 'a b', 'é', 'a*'])(
    'refuses %j',
    (id) => {
      expect(isCounterId(id)).toBe(false);
      expect(() => assertCounterId(id)).toThrow(ValidationError);
    },
  );
});
