import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Role } from '../../src/domain/current-user.js';
import type { TokenPair } from '../../src/services/auth-service.js';
import type { TestApp } from './test-app.js';

export interface TestAccount {
  id: string;
  email: string;
  password: string;
  role: Role;
}

/**
 * Drives the account routes of a test app and remembers every response body, so that a suite
 * can prove at the end that no password hash or refresh-token hash ever left the server.
 */
export interface AccountsHarness {
  request(path: string, init?: RequestInit & { ip?: string }): Promise<Response>;
  /** JSON body helper: method, body, optional bearer token and client address. */
  send(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; ip?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  createUser(role?: Role, email?: string): Promise<TestAccount>;
  login(email: string, password: string, ip?: string): Promise<TokenPair>;
  /** Fails the test if any recorded body holds an argon2 hash or a stored secret's hash. */
  assertNoSecretsLeaked(): Promise<void>;
}

let ipCounter = 0;
/** A client address of its own, so that the per-address login limit stays out of the way. */
export const freshIp = () =>
  `198.51.${Math.floor(++ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;

export function createAccountsHarness(t: TestApp): AccountsHarness {
  const bodies: string[] = [];
  const refreshTokens = new Set<string>();
  let userCounter = 0;

  async function request(path: string, init: RequestInit & { ip?: string } = {}) {
    const { ip, ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set('x-test-client-ip', ip ?? freshIp());
    const res = await t.app.request(path, { ...rest, headers });
    const text = await res.clone().text();
    bodies.push(text);
    for (const match of text.matchAll(/shr_[A-Za-z0-9_-]+/g)) refreshTokens.add(match[0]);
    return res;
  }

  const harness: AccountsHarness = {
    request,
    send(method, path, { body, token, ip, headers = {} } = {}) {
      return request(path, {
        method,
        ...(ip ? { ip } : {}),
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    },
    async createUser(role = 'editor', email) {
      userCounter += 1;
      const { user, password } = await t.services.users.create({
        email: email ?? `${role}${userCounter}@example.com`,
        name: `${role} ${userCounter}`,
        role,
      });
      return { id: user.id, email: user.email, password, role };
    },
    async login(email, password, ip) {
      const res = await harness.send('POST', '/auth/login', {
        body: { email, password },
        ...(ip ? { ip } : {}),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as TokenPair;
    },
    async assertNoSecretsLeaked() {
      const forbidden = ['$argon2'];
      let after: string | undefined;
      do {
        const page = await t.stores.users.list({ limit: 100, ...(after ? { after } : {}) });
        forbidden.push(...page.items.map((u) => u.passwordHash));
        after = page.nextAfter;
      } while (after);
      for (const token of refreshTokens) {
        forbidden.push(createHash('sha256').update(token).digest('hex'));
      }
      expect(bodies.length).toBeGreaterThan(0);
      for (const body of bodies) {
        for (const secret of forbidden) expect(body).not.toContain(secret);
      }
    },
  };
  return harness;
}
