import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyRecord, StoredResponse } from '../../src/ports/idempotency-store.js';
import type { Stores } from '../../src/services/create-services.js';
import { storeFactories } from '../support/store-factories.js';

const T0 = new Date('2026-11-21T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const response: StoredResponse = {
  status: 201,
  headers: { Location: '/reviews/rev_1', ETag: '"v1"' },
  body: '{"id":"rev_1","title":"Ñandú — “quoted”"}',
};

const pending = (key: string, requestHash = 'hash-a', leaseMs = 60_000): IdempotencyRecord => ({
  key,
  requestHash,
  expiresAt: at(leaseMs).toISOString(),
});

describe.each(storeFactories)('IdempotencyStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  it('claims a new key once; a second claim sees the pending record', async () => {
    expect(await stores.idempotency.claim(pending('k1'), T0)).toBeUndefined();
    expect(await stores.idempotency.claim(pending('k1', 'hash-b'), at(1000))).toEqual(
      pending('k1'),
    );
    expect(await stores.idempotency.claim(pending('k2'), T0)).toBeUndefined();
  });

  it('gives the completed answer back, unchanged, until it expires', async () => {
    await stores.idempotency.claim(pending('k1'), T0);
    const done = { ...pending('k1'), expiresAt: at(86_400_000).toISOString(), response };
    await stores.idempotency.complete(done);
    expect(await stores.idempotency.claim(pending('k1'), at(3_600_000))).toEqual(done);
    // Expired: the key is free again, whether or not the store has deleted it yet.
    const again = pending('k1', 'hash-c', 86_400_001 + 60_000);
    expect(await stores.idempotency.claim(again, at(86_400_001))).toBeUndefined();
    expect(await stores.idempotency.claim(pending('k1'), at(86_400_002))).toMatchObject({
      requestHash: 'hash-c',
    });
  });

  it('frees a pending claim whose lease ran out (its process died)', async () => {
    await stores.idempotency.claim(pending('k1', 'hash-a', 1000), T0);
    expect(await stores.idempotency.claim(pending('k1'), at(500))).toBeDefined();
    expect(await stores.idempotency.claim(pending('k1', 'hash-b'), at(1000))).toBeUndefined();
  });

  it('releases a pending claim, never a completed one', async () => {
    await stores.idempotency.claim(pending('k1'), T0);
    await stores.idempotency.release('k1');
    expect(await stores.idempotency.claim(pending('k1'), T0)).toBeUndefined();
    await stores.idempotency.complete({ ...pending('k1'), response });
    await stores.idempotency.release('k1');
    expect((await stores.idempotency.claim(pending('k1'), T0))?.response).toEqual(response);
    await stores.idempotency.release('missing');
  });

  it('lets exactly one of many concurrent claims of a key win', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => stores.idempotency.claim(pending('hot', `h${i}`), T0)),
    );
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
  });
});
