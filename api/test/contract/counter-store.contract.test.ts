import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/services/create-services.js';
import { storeFactories } from '../support/store-factories.js';

const day = '2026-11-21';
const visit = (counterId: string, visitorHash: string, onDay = day) => ({
  counterId,
  day: onDay,
  visitorHash,
  at: new Date(`${onDay}T10:00:00Z`),
  expiresAt: new Date(Date.parse(`${onDay}T00:00:00Z`) + 86_400_000),
});

describe.each(storeFactories)('CounterStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  it('creates a missing counter at one and increments it', async () => {
    expect(await stores.counters.recordVisit(visit('a', 'v1'))).toEqual({
      count: 1,
      today: { date: day, count: 1, uniqueVisitors: 1 },
    });
    const second = await stores.counters.recordVisit(visit('a', 'v2'));
    expect(second.count).toBe(2);
    expect(second.today).toEqual({ date: day, count: 2, uniqueVisitors: 2 });
  });

  it('counts a visitor hash once per day as unique, every time as a visit', async () => {
    await stores.counters.recordVisit(visit('a', 'same'));
    const again = await stores.counters.recordVisit(visit('a', 'same'));
    expect(again.today).toEqual({ date: day, count: 2, uniqueVisitors: 1 });
    const nextDay = await stores.counters.recordVisit(visit('a', 'same', '2026-11-22'));
    expect(nextDay).toEqual({
      count: 3,
      today: { date: '2026-11-22', count: 1, uniqueVisitors: 1 },
    });
  });

  it('keeps counters apart', async () => {
    await stores.counters.recordVisit(visit('a', 'v'));
    const b = await stores.counters.recordVisit(visit('b', 'v'));
    expect(b).toEqual({ count: 1, today: { date: day, count: 1, uniqueVisitors: 1 } });
  });

  it('loses no increment under concurrency', async () => {
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        stores.counters.recordVisit(visit('busy', `v${i % 50}`)),
      ),
    );
    const read = await stores.counters.getCounter('busy', [day]);
    expect(read).toEqual({
      id: 'busy',
      count: 200,
      days: [{ date: day, count: 200, uniqueVisitors: 50 }],
    });
  });

  it('reads a counter with only the requested days that have visits', async () => {
    await stores.counters.recordVisit(visit('a', 'v', '2026-11-19'));
    await stores.counters.recordVisit(visit('a', 'v', '2026-11-21'));
    await stores.counters.recordVisit(visit('a', 'v', '2026-11-25'));
    const read = await stores.counters.getCounter('a', ['2026-11-19', '2026-11-20', '2026-11-21']);
    expect(read).toEqual({
      id: 'a',
      count: 3,
      days: [
        { date: '2026-11-19', count: 1, uniqueVisitors: 1 },
        { date: '2026-11-21', count: 1, uniqueVisitors: 1 },
      ],
    });
  });

  it('reads an unknown counter as undefined and does not create it', async () => {
    expect(await stores.counters.getCounter('nobody', [day])).toBeUndefined();
    expect(await stores.counters.getCounter('nobody', [day])).toBeUndefined();
  });
});

describe.each(storeFactories)('SaltStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  it('keeps the first salt of a day and ignores later candidates', async () => {
    const expires = new Date(Date.now() + 86_400_000);
    const first = await stores.salts.getOrCreateSalt('2026-11-21', 'first', expires);
    const second = await stores.salts.getOrCreateSalt('2026-11-21', 'second', expires);
    expect([first, second]).toEqual(['first', 'first']);
  });

  it('gives each day its own salt', async () => {
    const expires = new Date(Date.now() + 2 * 86_400_000);
    await stores.salts.getOrCreateSalt('2026-11-21', 'one', expires);
    expect(await stores.salts.getOrCreateSalt('2026-11-22', 'two', expires)).toBe('two');
  });

  it('agrees on one salt when many callers race', async () => {
    const expires = new Date(Date.now() + 86_400_000);
    const salts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stores.salts.getOrCreateSalt('2026-11-23', `c${i}`, expires),
      ),
    );
    expect(new Set(salts).size).toBe(1);
  });
});
