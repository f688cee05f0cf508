import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  DomainError,
  UnprocessableError,
  type DomainErrorKind,
  type FieldError,
} from '../domain/errors.js';

/** Base of every problem `type` URI; each kind is described in docs/problems.md. */
export const PROBLEM_BASE = 'https://shutter.dev/problems/';

/** An RFC 9457 problem details object, as every error response carries it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

/** An error that only makes sense at the HTTP level (unknown route, wrong method, body too big). */
export class HttpProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly title: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpProblemError';
  }
}

const byKind: Record<
  DomainErrorKind,
  { status: ContentfulStatusCode; slug: string; title: string }
> = {
  validation: { status: 400, slug: 'validation', title: 'Invalid request' },
  unauthenticated: { status: 401, slug: 'unauthenticated', title: 'Authentication required' },
  forbidden: { status: 403, slug: 'forbidden', title: 'Forbidden' },
  'not-found': { status: 404, slug: 'not-found', title: 'Not found' },
  conflict: { status: 409, slug: 'conflict', title: 'Conflict' },
  'precondition-failed': { status: 412, slug: 'precondition-failed', title: 'Precondition failed' },
  'precondition-required': {
    status: 428,
    slug: 'precondition-required',
    title: 'Precondition required',
  },
  unprocessable: { status: 422, slug: 'unprocessable', title: 'Unprocessable content' },
  throttled: { status: 429, slug: 'throttled', title: 'Too many requests' },
  unavailable: { status: 503, slug: 'unavailable', title: 'Service unavailable' },
};

interface ProblemParts {
  status: ContentfulStatusCode;
  slug: string;
  title: string;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

function partsOf(error: unknown): ProblemParts | undefined {
  if (error instanceof HttpProblemError) {
    return {
      status: error.status,
      slug: error.slug,
      title: error.title,
      detail: error.message,
      headers: error.headers,
    };
  }
  // Hono's own validators throw these for a body that is not JSON (400) or not a declared media
  // type (415): the client's mistake, so a problem of its status, never a 500.
  if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
    return {
      status: error.status as ContentfulStatusCode,
      slug: error.status === 415 ? 'unsupported-media-type' : 'bad-request',
      title: error.status === 415 ? 'Unsupported media type' : 'Bad request',
      detail: error.message || 'The request could not be read',
    };
  }
  if (!(error instanceof DomainError)) return undefined;
  const parts: ProblemParts = { ...byKind[error.kind], detail: error.message };
  if ('errors' in error && Array.isArray(error.errors)) parts.errors = error.errors as FieldError[];
  // A 422 names its own problem type (publish-checklist, idempotency-key-reused).
  if (error instanceof UnprocessableError) {
    parts.slug = error.problemType;
    parts.title = error.title;
  }
  if ('retryAfterSeconds' in error && typeof error.retryAfterSeconds === 'number') {
    parts.headers = { 'Retry-After': String(error.retryAfterSeconds) };
  }
  if ('challenge' in error && typeof error.challenge === 'string') {
    parts.headers = { 'WWW-Authenticate': error.challenge };
  }
  return parts;
}

/**
 * Renders any thrown value as problem+json. Known errors keep their message; anything else is
 * a 500 whose detail says nothing about internals (the log has the stack, under the request id).
 */
export function problemResponse(
  c: Context,
  error: unknown,
): { response: Response; internal: boolean } {
  const known = partsOf(error);
  const parts: ProblemParts = known ?? {
    status: 500,
    slug: 'internal',
    title: 'Internal server error',
    detail: 'Something went wrong on our side. Quote the request id if you report it.',
  };
  const requestId = c.get('requestId') as string | undefined;
  const body: Problem = {
    type: PROBLEM_BASE + parts.slug,
    title: parts.title,
    status: parts.status,
    detail: parts.detail,
    instance: c.req.path,
    ...(requestId ? { requestId } : {}),
    ...(parts.errors ? { errors: parts.errors } : {}),
  };
  const response = c.body(JSON.stringify(body), parts.status, {
    'Content-Type': 'application/problem+json',
    // An error to a signed-in caller is as private as the answer it replaces.
    'Cache-Control': c.get('user') === undefined ? 'no-store' : 'private, no-store',
    ...parts.headers,
  });
  return { response, internal: !known };
}
