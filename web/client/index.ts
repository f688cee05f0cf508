/**
 * A typed client of the Shutter API: openapi-fetch over the types openapi-typescript generates
 * from the app's own OpenAPI document (`npm run client -w web` writes `schema.d.ts`).
 *
 * Signing in keeps the access token in memory only; the refresh token lives in the API's
 * `HttpOnly` cookie (same origin), so a page reload signs in again with `resume()` and no script
 * ever holds the long-lived secret. A 401 on a call refreshes once and retries it.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };
export type Schemas = components['schemas'];
/** An RFC 9457 problem as the API answers it, `errors[]` naming each invalid field. */
export type Problem = Schemas['Problem'];

export interface ShutterClient {
  /** Every operation, typed by path and method. */
  api: Client<paths>;
  /** Signs in; the refresh token is left in the cookie (not returned). */
  signIn(email: string, password: string): Promise<{ ok: true } | { ok: false; problem: Problem }>;
  /** Signs in again from the cookie after a reload; false when there is no live session. */
  resume(): Promise<boolean>;
  signOut(): Promise<void>;
  /** Whether an access token is held. */
  signedIn(): boolean;
}

export interface ShutterClientOptions {
  /** Where the API is; the page's own origin by default (the cookie needs the same origin). */
  baseUrl?: string;
  fetch?: (input: Request) => Promise<Response>;
}

const SESSION_HINT = 'shutter-console-session';

const problemOf = async (res: Response): Promise<Problem> =>
  ((await res.json().catch(() => undefined)) as Problem | undefined) ?? {
    type: 'about:blank',
    title: res.statusText,
    status: res.status,
    detail: res.statusText,
    instance: '',
    requestId: '',
  };

export function createShutterClient(options: ShutterClientOptions = {}): ShutterClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  let accessToken: string | undefined;
  let refreshing: Promise<boolean> | undefined;
  // Not a secret: whether this browser signed in, so that a page load without a session does
  // not ask the API (and log a failed request) for nothing. The token stays in the cookie.
  const hint = {
    get: () => globalThis.localStorage?.getItem(SESSION_HINT) === '1',
    set: (on: boolean) =>
      on
        ? globalThis.localStorage?.setItem(SESSION_HINT, '1')
        : globalThis.localStorage?.removeItem(SESSION_HINT),
  };

  async function post(path: string, body: unknown): Promise<Response> {
    return doFetch(
      new Request(`${baseUrl}${path}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  }

  /** One refresh at a time: parallel 401s share it (a second use of a rotated token is reuse). */
  function refresh(): Promise<boolean> {
    refreshing ??= (async () => {
      try {
        const res = await post('/auth/refresh', {});
        if (!res.ok) {
          accessToken = undefined;
          hint.set(false);
          return false;
        }
        accessToken = ((await res.json()) as { accessToken: string }).accessToken;
        return true;
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }

  const auth: Middleware = {
    onRequest({ request }) {
      if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
      return request;
    },
  };

  // A request's body can be read once: keep a copy to send again after a refresh.
  const retrying = async (input: Request): Promise<Response> => {
    const copy = input.clone();
    const res = await doFetch(input);
    if (res.status !== 401 || !input.headers.has('Authorization')) return res;
    if (!(await refresh())) return res;
    copy.headers.set('Authorization', `Bearer ${accessToken}`);
    return doFetch(copy);
  };

  const api = createClient<paths>({ baseUrl, fetch: retrying, credentials: 'same-origin' });
  api.use(auth);

  return {
    api,
    async signIn(email, password) {
      const res = await post('/auth/login', { email, password });
      if (!res.ok) return { ok: false, problem: await problemOf(res) };
      accessToken = ((await res.json()) as { accessToken: string }).accessToken;
      hint.set(true);
      return { ok: true };
    },
    resume: async () => hint.get() && refresh(),
    async signOut() {
      accessToken = undefined;
      hint.set(false);
      await post('/auth/logout', {});
    },
    signedIn: () => accessToken !== undefined,
  };
}
