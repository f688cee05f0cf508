import type { Context } from 'hono';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What @hono/node-server passes as the env of a request: node's own request and response. */
interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

const outgoingOf = (c: Context) => (c.env as NodeBindings | undefined)?.outgoing;

/**
 * A request header by its lower-case name. On node's server it is read from node's parsed
 * message: `c.req.header()` makes the adapter build a web `Headers` of every request header
 * (undici's, each name and value validated) on first use, a visible share of a content read in
 * the profile. Both join repeated headers with `, ` (node keeps only the first of a few, such as
 * `Authorization` and `Content-Length`, which are not read through this). Elsewhere (Lambda,
 * `app.request()` in tests) the `Request` exists already and is asked.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  if (incoming === undefined) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Sets a response header (lower-case `name`) that the app sets on many responses. On node's
 * server it goes on node's response directly, where it survives whatever `Response` the handler
 * or the error handler returns (as Hono's prepared headers do), and a header the handler sets
 * itself by the same name wins, as a later `c.header()` would (node merges `writeHead`'s headers
 * over the ones set before). Going through `c.header()` instead makes Hono keep a web `Headers`
 * for the response, which the adapter then copies into a plain object: with a handful of
 * app-wide headers per response that was ~10 % of a content read. Elsewhere, `c.header()`.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = outgoingOf(c);
  if (outgoing !== undefined && !outgoing.headersSent) outgoing.setHeader(name, value);
  else c.header(name, value);
}

/**
 * Adds a token to `Vary`. Every `Vary` of the app is added through this (CORS, private answers,
 * public answers), so on node the tokens gather on node's response in the order they are added,
 * joined with `, ` as `Headers.append` joins them.
 */
export function appendVary(c: Context, token: string): void {
  const outgoing = outgoingOf(c);
  if (outgoing !== undefined && !outgoing.headersSent) {
    const before = outgoing.getHeader('vary');
    outgoing.setHeader('vary', before === undefined ? token : `${String(before)}, ${token}`);
  } else {
    c.header('Vary', token, { append: true });
  }
}

/**
 * A public answer as a shared cache in front of the app may keep it: what `sendPublic` made of
 * it, whether it answered 200 or 304. The local server's edge cache (local/edge-cache.ts) puts
 * an empty slot under {@link SHAREABLE_ANSWER} on node's response of a request it could answer
 * next time; nothing else reads it, and without the slot nothing is offered.
 */
export interface ShareableAnswer {
  etag: string;
  contentType: string;
  body: Uint8Array;
}

/** The key of the slot on node's response (see {@link ShareableAnswer}). */
export const SHAREABLE_ANSWER = Symbol('shareable answer');

type Slotted = ServerResponse & { [SHAREABLE_ANSWER]?: ShareableAnswer | null };

/**
 * Offers an answer to the edge cache when this response carries its slot; `body` is asked only
 * then.
 */
export function offerShareableAnswer(
  c: Context,
  etag: string,
  contentType: string,
  body: () => Uint8Array,
): void {
  const outgoing = outgoingOf(c) as Slotted | undefined;
  if (outgoing !== undefined && outgoing[SHAREABLE_ANSWER] === null) {
    outgoing[SHAREABLE_ANSWER] = { etag, contentType, body: body() };
  }
}
