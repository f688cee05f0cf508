import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySecretProvider } from '../../src/adapters/memory/memory-secret-provider.js';
import { ALL_CONTROLLERS } from '../../src/http/controllers.js';
import { createApp } from '../../src/http/create-app.js';
import type { SecretProvider } from '../../src/ports/secret-provider.js';
import { createServices } from '../../src/services/create-services.js';
import { as, testUsers } from '../support/fixed-token-resolver.js';
import { expectProblem, reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  const r = reviewRequests(t);
  for (const title of ['Cursor review one', 'Cursor review two', 'Cursor review three']) {
    t.clock.advance(1000);
    await r.publish('editorA', { title });
  }
});
afterEach(() => t.close());

/** Another process on the same store, reading its secret from `secrets`. */
function instanceWith(secrets: SecretProvider) {
  const services = createServices({ ...t.stores, secrets }, t.clock);
  return createApp(
    { ...services, currentUser: testUsers },
    {
      controllers: ALL_CONTROLLERS,
      logger: t.logger,
      corsOrigins: ['*'],
      bodyLimitBytes: 1_048_576,
      clientIp: () => '203.0.113.9',
    },
  );
}

const cursorOf = async (res: Response) => {
  expect(res.status).toBe(200);
  const { nextCursor } = (await res.json()) as { nextCursor: string | null };
  expect(nextCursor).toEqual(expect.any(String));
  return encodeURIComponent(nextCursor!);
};

describe('list cursors are sealed with a key derived from the instance secret', () => {
  it.each([
    ['/content?limit=1', {}],
    ['/reviews?limit=1', as.editorA],
  ])(
    '%s: another instance of the deployment opens a cursor, another secret does not',
    async (path, headers) => {
      const cursor = await cursorOf(await t.app.request(path, { headers }));
      const next = `${path}&cursor=${cursor}`;

      const sameSecret = instanceWith(t.stores.secrets);
      expect((await sameSecret.request(next, { headers })).status).toBe(200);

      const otherSecret = instanceWith(createMemorySecretProvider(randomBytes(32)));
      const problem = await expectProblem(
        await otherSecret.request(next, { headers }),
        400,
        'validation',
      );
      expect(problem.errors?.[0]?.field).toBe('cursor');
    },
  );
});
