import { afterEach, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/store-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const VISITS = 2_000;
const VISITORS = 100;

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

// The seed counter read, then wrote, and lost visits under load. Each store must add them atomically.
describe.each(storeFactories)('POST /visits under concurrency: $name', (factory) => {
  it(
    `counts ${VISITS} simultaneous visits to one counter exactly`,
    { timeout: 120_000 },
    async () => {
      t = await createTestApp({ store: factory });
      const key = await t.createKey('default', { perSecond: 100_000, burst: 100_000 });
      const responses = await Promise.all(
        Array.from({ length: VISITS }, (_, i) =>
          t!.app.request('/visits/default', {
            method: 'POST',
            headers: { 'x-api-key': key, 'x-test-client-ip': `198.51.100.${i % VISITORS}` },
          }),
        ),
      );
      const statuses = new Set(responses.map((r) => r.status));
      expect(statuses).toEqual(new Set([200]));
      const counts = await Promise.all(
        responses.map(async (r) => ((await r.json()) as { count: number }).count),
      );
      // Every visit saw its own total: no two increments collapsed into one.
      expect(new Set(counts).size).toBe(VISITS);
      expect(Math.max(...counts)).toBe(VISITS);

      const read = await t.app.request('/visits/default', { headers: { 'x-api-key': key } });
      expect(await read.json()).toMatchObject({
        count: VISITS,
        today: { count: VISITS, uniqueVisitors: VISITORS },
      });
    },
  );
});
