import type { Context, Next } from 'hono';
import { jsonNestingExceeds, MAX_JSON_DEPTH } from '../json-depth.js';
import { HttpProblemError } from '../problem.js';
import { requestHeader } from './node-message.js';

/** What an operation takes as a body: its media types, and its own size limit if it has one. */
export interface BodyRule {
  types: readonly string[];
  /** Bytes; the app's general limit applies without it. */
  maxBytes?: number;
}

/** The {@link BodyRule} of the operation a method and a concrete request path reach, if any. */
export type BodyRules = (method: string, path: string) => BodyRule | undefined;

/** The part of a registered route record this reads. */
interface RouteDefinition {
  type: string;
  route?: { method: string; path: string; request?: { body?: { content?: object } } };
  bodyLimitBytes?: number;
}

/**
 * Builds {@link BodyRules} from the router's route records, once, when the app is assembled: the
 * media types a route declares are the ones it accepts, so the document and the gate cannot
 * disagree, and a route that takes larger bodies (a photo upload) says so where it is declared.
 */
export function bodyRulesOf(definitions: readonly RouteDefinition[]): BodyRules {
  const operations: Array<{ method: string; pattern: RegExp; rule: BodyRule }> = [];
  for (const def of definitions) {
    const content = def.type === 'route' ? def.route?.request?.body?.content : undefined;
    if (!def.route || !content) continue;
    const source = def.route.path
      .split('/')
      .map((part) =>
        /^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    operations.push({
      method: def.route.method.toUpperCase(),
      pattern: new RegExp(`^${source}$`),
      rule: {
        types: Object.keys(content).map((t) => t.toLowerCase()),
        ...(def.bodyLimitBytes !== undefined ? { maxBytes: def.bodyLimitBytes } : {}),
      },
    });
  }
  return (method, path) =>
    operations.find((op) => op.method === method && op.pattern.test(path))?.rule;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request without `Content-Type` carries a body. On node's server the framing headers
 * say it (RFC 9112 §6.3) without building a `Request`; elsewhere (Lambda, tests) the `Request`
 * exists, and its text is read once and kept for the validator.
 */
async function hasBody(c: Context): Promise<boolean> {
  const length = requestHeader(c, 'content-length');
  if (
    (length !== undefined && length !== '0') ||
    requestHeader(c, 'transfer-encoding') !== undefined
  )
    return true;
  if ((c.env as { incoming?: unknown } | undefined)?.incoming !== undefined) return false;
  return c.req.raw.body !== null && (await c.req.text()).length > 0;
}

/**
 * The gate in front of every operation that takes a body: the `Content-Type` must be exactly one
 * the operation declares (415 naming them, rather than the validator's bare "Unsupported Media
 * Type", which also let any `application/*+json` through), and a JSON body may nest at most
 * `maxDepth` levels (400), checked by a linear scan before the recursive parser and schema walk
 * see it. Requests without a body, and operations without one, pass untouched. `rule` is the
 * operation's, looked up once by the front door.
 */
export function jsonBody(maxDepth: number = MAX_JSON_DEPTH) {
  return async (c: Context, next: Next, rule: BodyRule | undefined): Promise<void> => {
    const method = c.req.method;
    if (BODYLESS.has(method)) return next();
    // Through the `Request`: node's message keeps only the first of repeated `Content-Type`s,
    // which would let a body the validator then reads differently through this gate.
    const contentType = c.req.header('content-type');
    if (contentType === undefined && !(await hasBody(c))) return next();
    if (!rule) return next();
    const types = rule.types;

    const essence = contentType?.split(';')[0]!.trim().toLowerCase();
    if (essence === undefined || !types.includes(essence)) {
      const accepted = types.join(' or ');
      const sent = essence && essence.length > 80 ? `${essence.slice(0, 80)}…` : essence;
      throw new HttpProblemError(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        `Send the body as ${accepted}${contentType ? `, not ${sent}` : ' (Content-Type is missing)'}`,
        method === 'PATCH' ? { 'Accept-Patch': types.join(', ') } : {},
      );
    }
    if (/[/+]json$/.test(essence) && jsonNestingExceeds(await c.req.text(), maxDepth)) {
      throw new HttpProblemError(
        400,
        'bad-request',
        'Bad request',
        `The JSON body nests arrays or objects more than ${maxDepth} levels deep`,
      );
    }
    await next();
  };
}
