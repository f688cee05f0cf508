import { describe, expect, it } from 'vitest';
import { READER_SCRIPT } from '../../src/http/pages/reader-script.generated.js';
import { buildReaderScript } from './build-reader-script.js';

describe('the reader script', () => {
  it('is committed as built from its source (run npm run build:pages after changing it)', () => {
    expect(READER_SCRIPT).toBe(buildReaderScript());
  });
});
