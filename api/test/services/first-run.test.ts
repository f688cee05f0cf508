import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { createServices } from '../../src/services/create-services.js';
import { ensureFirstAdmin, FIRST_ADMIN_EMAIL } from '../../src/services/first-run.js';
import { createTestClock } from '../support/clock.js';

describe('ensureFirstAdmin', () => {
  it('creates admin@shutter.local once on an empty store, with a password that logs in', async () => {
    const services = createServices(createMemoryStores(), createTestClock());
    const first = await ensureFirstAdmin(services.users);
    expect(first).toEqual({
      email: FIRST_ADMIN_EMAIL,
      password: expect.stringMatching(/^\w{20}$/),
    });
    expect(FIRST_ADMIN_EMAIL).toBe('admin@shutter.local');
    const pair = await services.auth.login(
      { email: FIRST_ADMIN_EMAIL, password: first!.password },
      { ip: '127.0.0.1' },
    );
    expect(pair.user).toMatchObject({ name: 'Administrator', role: 'admin', status: 'active' });
    expect(await ensureFirstAdmin(services.users)).toBeUndefined();
  });

  it('creates nothing when any account exists, even a disabled one', async () => {
    const services = createServices(createMemoryStores(), createTestClock());
    const { user } = await services.users.create({
      email: 'a@example.com',
      name: 'A',
      role: 'admin',
    });
    const other = await services.users.create({ email: 'b@example.com', name: 'B', role: 'admin' });
    await services.users.disable(user.id);
    expect(other.user.status).toBe('active');
    expect(await ensureFirstAdmin(services.users)).toBeUndefined();
    expect((await services.users.list({ limit: 10 })).items).toHaveLength(2);
  });

  it('lets only one of two concurrent first runs create the admin', async () => {
    const services = createServices(createMemoryStores(), createTestClock());
    const results = await Promise.all([
      ensureFirstAdmin(services.users),
      ensureFirstAdmin(services.users),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
