import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { ifNoneMatchMatches } from '../domain/etag.js';
import { SHAREABLE_ANSWER, type ShareableAnswer } from '../http/middleware/node-message.js';
import { requestIdOf, type AccessLineWriter } from '../http/middleware/request-context.js';

export interface EdgeCacheOptions {
  /** How long an answer is served from here, at most, before the app is asked again. */
  ttlMs: number;
  /**
   * The content service's generation (`ContentService.generation`): an answer is kept only while
   * it is what it was when the request that made it began.
   */
  generation: () => number;
  /** The app's access-log writer: an answer from here logs the same line the app would. */
  accessLine: AccessLineWriter;
  /** Answers kept (distinct URLs and request headers), the oldest first out. */
  maxEntries?: number;
  /** Bodies larger than this are never kept. */
  maxBodyBytes?: number;
  /** The kept bodies together, at most; the oldest go first past it. */
  maxTotalBytes?: number;
  /** Milliseconds, monotonic (`performance.now`); a test moves it. */
  now?: () => number;
}

/** One answer as kept: the headers common to its 200 and its 304, and its body. */
interface Entry {
  etag: string;
  generation: number;
  expiresAt: number;
  /**
   * Header names and values in the order the app sent them: the request id's slot first (its
   * value set per request), then the app's headers but the per-request ones.
   */
  head200: string[];
  head304: string[];
  body: Uint8Array;
}

/**
 * The headers of an answer that are the request's or the connection's own, never kept: a new
 * request id is given to each request, and node writes the date and the framing itself.
 */
const PER_REQUEST = new Set([
  'x-request-id',
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'content-type',
  'transfer-encoding',
]);

/**
 * The request headers a public answer may depend on: CORS (`Origin`), HSTS behind a proxy
 * (`X-Forwarded-Proto`), the `Vary` it declares (`Accept-Encoding`), and the host (a page's links
 * name the request's origin unless `SHUTTER_PUBLIC_URL` is set).
 * Each is part of the key, as a shared cache honouring `Vary` would key on it.
 */
const KEYED = ['host', 'origin', 'x-forwarded-proto', 'accept-encoding'] as const;

const VARY_KEYED = new Set<string>(KEYED);

/** What @hono/node-server answers a 304 without a content type with (test/e2e/node-response-headers). */
const ADAPTER_DEFAULT_TYPE = 'text/plain; charset=UTF-8';

type Slotted = ServerResponse & {
  [SHAREABLE_ANSWER]?: ShareableAnswer | null;
  /** Node's, since 15.13; typed on `ClientRequest` only. */
  getRawHeaderNames(): string[];
};

function keyOf(req: IncomingMessage): string {
  let key = req.url ?? '';
  for (const name of KEYED) key += `\n${req.headers[name] ?? ''}`;
  return key;
}

/**
 * A GET that the cache may answer: no body (the app would check it), one `Host` (the app answers
 * 400 to two), and a path the app's access line names as it arrives (no `%`, which Hono decodes).
 * A HEAD goes to the app, whose answer to it has no `Content-Length`.
 */
function isCandidate(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const { headers } = req;
  if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) {
    return false;
  }
  const url = req.url ?? '';
  const query = url.indexOf('?');
  if ((query === -1 ? url : url.slice(0, query)).includes('%')) return false;
  let hosts = 0;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === 4 && raw[i]!.toLowerCase() === 'host') hosts += 1;
  }
  return hosts === 1;
}

/**
 * The local server's edge cache: on AWS, CloudFront answers a public content read it holds
 * without invoking Lambda; on one machine, this answers one from memory without running the app.
 * It keeps what the app's `sendPublic` offers (the `/content` answers, ready bytes; a reader page
 * once it is rendered; each `Cache-Control: public`), for `ttlMs` (a second by default) and only
 * while the content service's generation is unchanged, so a publish or an index swap in this
 * process shows on the very next request, and another process's within `ttlMs` plus the service's
 * own freshness window.
 *
 * An answer from here is the app's, byte for byte, but for what is the request's own: a new
 * request id (or the caller's `x-request-id`, by the app's rule), the date, a 304 when
 * `If-None-Match` names the ETag (by the app's rule, with the adapter's headers), and one access
 * line in the app's format. Anything else (another method, a body, two `Host`s, a miss) goes to
 * the app, and a miss offers its answer back here.
 */
export function createEdgeCache(options: EdgeCacheOptions) {
  const now = options.now ?? (() => performance.now());
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const maxEntries = options.maxEntries ?? 1000;
  const maxTotalBytes = options.maxTotalBytes ?? 64 * 1024 * 1024;
  let totalBytes = 0;
  // Oldest first out, by when it was kept: every answer lives a second or so anyway, and a hit
  // that reordered a least-recently-used map cost a visible share of it.
  const entries = new Map<string, Entry>();
  // Requests whose answer was not one to keep (a counter read, /health, a problem), until when:
  // for that long they go straight to the app, without the watch a candidate costs.
  const passes = new Map<string, number>();

  function forget(key: string): void {
    const entry = entries.get(key);
    if (entry === undefined) return;
    totalBytes -= entry.body.byteLength;
    entries.delete(key);
  }

  function pass(key: string): void {
    passes.delete(key);
    if (passes.size >= maxEntries) passes.delete(passes.keys().next().value!);
    passes.set(key, now() + options.ttlMs);
  }

  /**
   * Keeps what the app answered, if it offered a shareable answer and said it may be kept;
   * otherwise lets requests for it pass for a while. One that changed while it was answered is
   * neither.
   */
  function keep(key: string, res: Slotted, generation: number): void {
    if (!store(key, res, generation)) pass(key);
  }

  /** Stores the answer if it may be kept and is still current; false if it may not be kept. */
  function store(key: string, res: Slotted, generation: number): boolean {
    const answer = res[SHAREABLE_ANSWER];
    if (!answer || (res.statusCode !== 200 && res.statusCode !== 304)) return false;
    if (answer.body.byteLength > Math.min(maxBodyBytes, maxTotalBytes)) return false;
    // Made from what changed while it was answered: shareable, but not kept.
    if (generation !== options.generation()) return true;
    const cacheControl = String(res.getHeader('cache-control') ?? '');
    if (!/\bpublic\b/.test(cacheControl) || /\b(no-store|private|no-cache)\b/.test(cacheControl)) {
      return false;
    }
    // A cookie is one client's; an encoded body would not be the bytes offered.
    if (res.hasHeader('set-cookie') || res.hasHeader('content-encoding')) return false;
    // An answer that varies on a request header the key does not hold would be served to the
    // wrong requests.
    const vary = String(res.getHeader('vary') ?? '');
    if (
      vary !== '' &&
      !vary.split(',').every((token) => VARY_KEYED.has(token.trim().toLowerCase()))
    ) {
      return false;
    }
    const common: string[] = [];
    for (const name of res.getRawHeaderNames()) {
      if (PER_REQUEST.has(name.toLowerCase())) continue;
      const value = res.getHeader(name);
      if (value === undefined || Array.isArray(value)) return false;
      common.push(name, String(value));
    }
    forget(key);
    while (
      entries.size > 0 &&
      (entries.size >= maxEntries || totalBytes + answer.body.byteLength > maxTotalBytes)
    ) {
      forget(entries.keys().next().value!);
    }
    totalBytes += answer.body.byteLength;
    entries.set(key, {
      etag: answer.etag,
      generation,
      expiresAt: now() + options.ttlMs,
      head200: [
        'x-request-id',
        '',
        ...common,
        'Content-Type',
        answer.contentType,
        'Content-Length',
        String(answer.body.byteLength),
      ],
      head304: ['x-request-id', '', ...common, 'content-type', ADAPTER_DEFAULT_TYPE],
      body: answer.body,
    });
    return true;
  }

  /**
   * Wraps the app's node listener: answers a request from here when it can, and otherwise passes
   * it on, watching the answer of a candidate to keep it.
   */
  function wrap(app: RequestListener): RequestListener {
    return (req, res) => {
      if (!isCandidate(req)) {
        app(req, res);
        return;
      }
      const started = now();
      const key = keyOf(req);
      const passUntil = passes.get(key);
      if (passUntil !== undefined) {
        if (started < passUntil) {
          app(req, res);
          return;
        }
        passes.delete(key);
      }
      const entry = entries.get(key);
      if (
        entry !== undefined &&
        entry.generation === options.generation() &&
        started < entry.expiresAt
      ) {
        const requestId = requestIdOf(req.headers['x-request-id'] as string | undefined, undefined);
        const notModified = ifNoneMatchMatches(req.headers['if-none-match'], entry.etag);
        const status = notModified ? 304 : 200;
        // The request id's slot is filled in place: node reads the list while writeHead runs and
        // keeps none of it, and a list made per request cost a visible share of a hit.
        const head = notModified ? entry.head304 : entry.head200;
        head[1] = requestId;
        res.writeHead(status, head);
        if (notModified) res.end();
        else res.end(entry.body);
        const url = req.url ?? '';
        const query = url.indexOf('?');
        options.accessLine(
          requestId,
          req.method!,
          query === -1 ? url : url.slice(0, query),
          status,
          Math.round((now() - started) * 100) / 100,
        );
        return;
      }
      if (entry !== undefined) forget(key);
      const generation = options.generation();
      (res as Slotted)[SHAREABLE_ANSWER] = null;
      res.once('finish', () => keep(key, res as Slotted, generation));
      app(req, res);
    };
  }

  return {
    wrap,
    /** How many answers are kept now. */
    get size(): number {
      return entries.size;
    },
    /** The bytes of the bodies kept now. */
    get bytes(): number {
      return totalBytes;
    },
    /** How many requests (URL and keyed headers) go straight to the app for now. */
    get passing(): number {
      return passes.size;
    },
  };
}

export type EdgeCache = ReturnType<typeof createEdgeCache>;
