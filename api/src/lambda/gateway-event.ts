import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

/** The two API Gateway proxy payloads a function behind REST (v1) or HTTP API (v2) receives. */
export type GatewayEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

/** An event ready for `hono/aws-lambda`, and the path prefix the client's URL had before ours. */
export interface ReadEvent<E extends GatewayEvent = GatewayEvent> {
  event: E;
  /**
   * What the client's URL held before the app's own path: `/pro` through an execute-api URL of
   * stage `pro`, `/api` through a custom domain mapped at base path `api`, `''` at the root. A
   * `Location` the client follows must start with it.
   */
  externalBasePath: string;
}

/** The same test `hono/aws-lambda` makes to pick its payload 2.0 reader. */
export function isHttpApiEvent(event: GatewayEvent): event is APIGatewayProxyEventV2 {
  return Object.hasOwn(event, 'rawPath') && Object.hasOwn(event.requestContext ?? {}, 'http');
}

const EXECUTE_API_HOST = /\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/;
const WHOLE_SEGMENTS = /^(?:\/[^/]+)+$/;

/** `path` without `prefix` when it starts with it at a segment boundary, else undefined. */
function withoutPrefix(path: string, prefix: string): string | undefined {
  if (path === prefix) return '/';
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : undefined;
}

/**
 * A route template (`/content/{slug}`, `/{proxy+}`) with its parameters filled in, once as API
 * Gateway decoded them and once percent-encoded, since whether `path` is decoded depends on the
 * characters; no template, or a parameter missing, gives none.
 */
function filledTemplates(
  template: string | undefined,
  params: Record<string, string | undefined> | null | undefined,
): string[] {
  if (!template?.startsWith('/')) return [];
  const fill = (encode: (value: string) => string) => {
    let missing = false;
    const filled = template.replace(/\{([^}+]+)(\+?)\}/g, (_whole, name: string, greedy) => {
      const value = params?.[name];
      if (value === undefined) missing = true;
      return greedy ? (value ?? '').split('/').map(encode).join('/') : encode(value ?? '');
    });
    return missing ? undefined : filled;
  };
  const both = [fill((v) => v), fill(encodeURIComponent)];
  return [...new Set(both.filter((f): f is string => f !== undefined))];
}

/**
 * What a path holds in front of the route API Gateway matched: `path` minus the filled template
 * when `path` ends with it, in whole segments. This is how a custom domain's base path mapping
 * shows (REST keeps it in `path`, `resource` does not have it).
 */
function prefixBeforeRoute(path: string, routes: string[]): string | undefined {
  for (const route of routes) {
    if (route === path || !path.endsWith(route)) continue;
    const prefix = path.slice(0, path.length - route.length);
    if (WHOLE_SEGMENTS.test(prefix)) return prefix;
  }
  return undefined;
}

/** What `sent` holds in front of `path`, in whole segments; undefined when it does not end so. */
function prefixBeforePath(sent: string, path: string): string | undefined {
  const prefix =
    path === '/'
      ? sent.replace(/\/$/, '')
      : sent.endsWith(path)
        ? sent.slice(0, sent.length - path.length)
        : undefined;
  return prefix === '' || (prefix !== undefined && WHOLE_SEGMENTS.test(prefix))
    ? prefix
    : undefined;
}

/** Strips the configured base path, else the one the matched route shows. */
function stripBasePath(
  path: string,
  basePath: string | undefined,
  routes: string[],
): { path: string; stripped: string } {
  if (basePath) {
    const rest = withoutPrefix(path, basePath);
    if (rest !== undefined) return { path: rest, stripped: basePath };
  }
  const prefix = prefixBeforeRoute(path, routes);
  if (prefix === undefined) return { path, stripped: '' };
  return { path: path.slice(prefix.length) || '/', stripped: prefix };
}

const BODYLESS = new Set(['GET', 'HEAD']);
const BODY_HEADERS = new Set(['content-length', 'transfer-encoding']);

function withoutBodyHeaders<T>(headers: Record<string, T> | null | undefined) {
  if (!headers) return headers;
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !BODY_HEADERS.has(name.toLowerCase())),
  );
}

function readRestEvent(
  event: APIGatewayProxyEvent,
  basePath: string | undefined,
): ReadEvent<APIGatewayProxyEvent> {
  const { path, stripped } = stripBasePath(
    event.path,
    basePath,
    filledTemplates(event.resource, event.pathParameters),
  );
  // `requestContext.path` is the path as the client sent it: `/{stage}/…` through an execute-api
  // URL (where `path` has no stage), `/{basePath}/…` through a custom domain.
  const sent = event.requestContext?.path;
  const externalBasePath =
    (typeof sent === 'string' ? prefixBeforePath(sent, path) : undefined) ?? stripped;
  let read: APIGatewayProxyEvent = { ...event, path };
  if (BODYLESS.has(event.httpMethod?.toUpperCase()) && event.body) {
    // API Gateway forwards a body on GET and HEAD; a fetch Request refuses one. It has no meaning
    // there (RFC 9110 §9.3.1), so the request is served as if it had none.
    read = {
      ...read,
      body: null,
      isBase64Encoded: false,
      headers: withoutBodyHeaders(event.headers) ?? {},
      multiValueHeaders: withoutBodyHeaders(event.multiValueHeaders) ?? {},
    };
  }
  return { event: read, externalBasePath };
}

function readHttpApiEvent(
  event: APIGatewayProxyEventV2,
  basePath: string | undefined,
): ReadEvent<APIGatewayProxyEventV2> {
  const { stage, domainName } = event.requestContext;
  let path = event.rawPath;
  let external = '';
  // A named stage stays in `rawPath` (`/pro/content`); `$default` is served at the root.
  if (stage && stage !== '$default') {
    const rest = withoutPrefix(path, `/${stage}`);
    if (rest !== undefined) {
      path = rest;
      // Through a custom domain the mapping chose the stage; the client never typed it.
      if (!domainName || EXECUTE_API_HOST.test(domainName)) external = `/${stage}`;
    }
  }
  const routeKey = event.routeKey ?? event.requestContext.routeKey;
  const template = routeKey?.includes(' ') ? routeKey.slice(routeKey.indexOf(' ') + 1) : undefined;
  const base = stripBasePath(path, basePath, filledTemplates(template, event.pathParameters));
  path = base.path;
  external += base.stripped;
  let read: APIGatewayProxyEventV2 = { ...event, rawPath: path };
  if (BODYLESS.has(event.requestContext.http?.method?.toUpperCase()) && event.body) {
    // As for REST above: three of the four HTTP API samples AWS publishes are GETs with a body.
    const { body: _body, ...rest } = read;
    read = {
      ...rest,
      isBase64Encoded: false,
      headers: withoutBodyHeaders(event.headers) ?? {},
    };
  }
  return { event: read, externalBasePath: external };
}

/**
 * Turns an API Gateway event into one the app serves: a GET or HEAD body dropped (the Fetch API
 * refuses it, API Gateway forwards it), and the path stripped of what precedes the app's routes
 * (a named HTTP API stage in `rawPath`; a custom domain's base path, `basePath` when configured,
 * else as the matched resource or route shows it). The prefix is kept as `externalBasePath`.
 */
export function readGatewayEvent(event: GatewayEvent, basePath?: string): ReadEvent {
  return isHttpApiEvent(event) ? readHttpApiEvent(event, basePath) : readRestEvent(event, basePath);
}

const canHeader = (name: string, value: string) => {
  try {
    // As `hono/aws-lambda` sets it: values with non-ASCII characters percent-encoded, others
    // (control characters included) as they are.
    const nonAscii = [...value].some((ch) => ch.charCodeAt(0) > 0x7f);
    new Headers([[name, nonAscii ? encodeURIComponent(value) : value]]);
    return true;
  } catch {
    return false;
  }
};

const canMethod = (method: string) => {
  try {
    new Request('https://localhost/', { method });
    return true;
  } catch {
    return false;
  }
};

const canUrl = (url: string) => {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
};

/**
 * The parts of an event a fetch Request can carry, for answering one the adapter could not read:
 * no body, only the headers that are valid, a method and path that parse (else GET and `/`).
 * `dropped` names what was left out, for the log.
 */
export function readableParts(event: GatewayEvent): { event: GatewayEvent; dropped: string[] } {
  const dropped: string[] = [];
  const valid = <T extends string | string[] | undefined>(
    headers: Record<string, T> | null | undefined,
  ): Record<string, T> =>
    Object.fromEntries(
      Object.entries(headers ?? {}).filter(([name, value]) => {
        const ok = [value ?? ''].flat().every((v) => canHeader(name, v));
        if (!ok && !dropped.includes(`header ${name}`)) dropped.push(`header ${name}`);
        return ok;
      }),
    );
  const v2 = isHttpApiEvent(event);
  const method = v2 ? event.requestContext.http.method : event.httpMethod;
  const safeMethod = canMethod(method) ? method : 'GET';
  if (safeMethod !== method) dropped.push(`method ${method}`);
  const host = canUrl(`https://${event.requestContext?.domainName}/`)
    ? event.requestContext.domainName!
    : 'localhost';
  const path = v2 ? event.rawPath : event.path;
  const safePath = canUrl(`https://${host}${path}`) ? path : '/';
  if (safePath !== path) dropped.push('path');
  if (event.body) dropped.push('body');

  if (v2) {
    const { body: _body, ...rest } = event;
    const cookies = event.cookies?.join('; ');
    const cookiesOk = cookies === undefined || canHeader('cookie', cookies);
    if (!cookiesOk) dropped.push('cookies');
    return {
      event: {
        ...rest,
        rawPath: safePath,
        isBase64Encoded: false,
        headers: valid(event.headers),
        ...(cookiesOk ? {} : { cookies: [] }),
        requestContext: {
          ...event.requestContext,
          domainName: host,
          http: { ...event.requestContext.http, method: safeMethod },
        },
      },
      dropped,
    };
  }
  return {
    event: {
      ...event,
      httpMethod: safeMethod,
      path: safePath,
      body: null,
      isBase64Encoded: false,
      headers: valid(event.headers),
      multiValueHeaders: valid(event.multiValueHeaders),
      requestContext: { ...event.requestContext, domainName: host },
    },
    dropped,
  };
}
