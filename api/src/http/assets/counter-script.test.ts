import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildCounterScript } from '../../../tools/build-counter.js';
import { COUNTER_SCRIPT } from './counter-bundle.js';

describe('/counter.js', () => {
  it('is what esbuild makes of counter.ts today (else: npx tsx api/tools/build-counter.ts)', async () => {
    expect(COUNTER_SCRIPT).toBe(await buildCounterScript());
  });

  it('weighs at most 1 KB gzipped', () => {
    const gzipped = gzipSync(COUNTER_SCRIPT, { level: 9 }).length;
    expect(gzipped).toBeGreaterThan(200); // a real script, not an empty build
    expect(gzipped).toBeLessThanOrEqual(1024);
  });
});
