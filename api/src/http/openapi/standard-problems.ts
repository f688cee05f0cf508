import { problemDescription, problemExample } from '../schemas/problem-schema.js';

/** The parts of an OpenAPI operation the rule reads and writes. */
export interface OperationLike {
  tags?: string[];
  parameters?: Array<{ in?: string } | { $ref: string }>;
  requestBody?: unknown;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, unknown>;
}

/** Tags of operations that never touch a store, so they cannot answer 503. */
const STORELESS_TAGS = new Set(['Operations']);
/** Methods whose requests may carry a body (node and API Gateway pass one on these). */
const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * The error statuses that any operation of this shape can answer, whatever its route says,
 * because the app-wide machinery produces them:
 *
 * - 400 when it takes any input (path, query, header or body), from the zod validators;
 * - 401 when it is protected (`security`), from the bearer or API-key check;
 * - 404 when its path has a parameter, since the thing named may not exist;
 * - 413 when its method can carry a body (POST, PUT, PATCH, DELETE), from the body limit, which
 *   runs before routing and so also refuses an oversized body the operation would ignore;
 * - 415 when it takes a body, from the media-type gate;
 * - 500 always, from the one error handler;
 * - 503 when it reaches a store (every tag but Operations), from a busy or throttled store.
 *
 * Statuses that depend on what the handler does (403, 409, 412, 428, 429, 304) are declared by
 * each route with `problemResponses(...)`.
 */
export function standardProblemStatuses(
  method: string,
  path: string,
  operation: OperationLike,
): number[] {
  const statuses: number[] = [];
  const hasBody = operation.requestBody !== undefined;
  if (hasBody || (operation.parameters?.length ?? 0) > 0) statuses.push(400);
  if ((operation.security?.length ?? 0) > 0) statuses.push(401);
  if (/\{[^}]+\}/.test(path)) statuses.push(404);
  if (BODY_METHODS.has(method.toLowerCase())) statuses.push(413);
  if (hasBody) statuses.push(415);
  statuses.push(500);
  if (!operation.tags?.some((tag) => STORELESS_TAGS.has(tag))) statuses.push(503);
  return statuses;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Adds to every operation of `paths` the problem responses {@link standardProblemStatuses} names
 * and the route did not already document (a route's own description wins).
 */
export function addStandardProblems(
  paths: Record<string, Partial<Record<(typeof METHODS)[number], OperationLike>>>,
): void {
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      for (const status of standardProblemStatuses(method, path, operation)) {
        operation.responses[String(status)] ??= {
          description: problemDescription(status),
          content: {
            'application/problem+json': {
              schema: { $ref: '#/components/schemas/Problem' },
              example: problemExample(status),
            },
          },
        };
      }
    }
  }
}
