import * as z from 'zod/mini';

export const ProblemSchema = z
  .object({
    type: z.string().check(z.meta({ example: 'https://shutter.dev/problems/validation' })),
    title: z.string().check(z.meta({ example: 'Invalid request' })),
    status: z.int().check(z.meta({ example: 400 })),
    detail: z.string().check(z.meta({ example: "The request's path parameter is invalid" })),
    instance: z.optional(z.string()).check(z.meta({ example: '/visits/Bad%20Id' })),
    requestId: z.optional(z.string()),
    errors: z
      .optional(z.array(z.object({ field: z.string(), message: z.string() })))
      .check(z.meta({ description: 'One entry per invalid field.' })),
  })
  .check(z.meta({ id: 'Problem', description: 'RFC 9457 problem details.' }));

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: `errors` names each invalid field',
  401: 'Missing or invalid credentials',
  403: 'Credentials do not allow this',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'The `If-Match` precondition failed',
  413: 'Request body too large',
  415: 'Unsupported media type: send `application/json`',
  422: 'Well formed but refused as it stands: the problem `type` says why (`publish-checklist`, `idempotency-key-reused`) and `errors` names each item',
  428: 'An `If-Match` header is required',
  429: 'Too many requests; see `Retry-After`',
  500: 'Internal error',
  503: 'Temporarily unavailable; see `Retry-After`',
};

const SLUGS: Record<number, [slug: string, title: string, detail: string]> = {
  400: ['validation', 'Invalid request', "The request's body is invalid"],
  401: ['unauthenticated', 'Authentication required', 'A bearer token is required'],
  403: ['forbidden', 'Forbidden', 'This needs the admin role'],
  404: ['not-found', 'Not found', 'No such resource'],
  405: [
    'method-not-allowed',
    'Method not allowed',
    'POST is not allowed on /reviews/rev_3f9a1c0d5e7b2a64',
  ],
  409: ['conflict', 'Conflict', 'The slug "sony-a7-iv-review" is taken'],
  412: ['precondition-failed', 'Precondition failed', 'If-Match does not match "v3"'],
  413: ['payload-too-large', 'Payload too large', 'The request body is over the limit'],
  415: ['unsupported-media-type', 'Unsupported media type', 'Unsupported Media Type'],
  422: [
    'publish-checklist',
    'Not ready to publish',
    'A published review needs every item of the publish checklist',
  ],
  428: ['precondition-required', 'Precondition required', 'Send If-Match with the ETag'],
  429: ['throttled', 'Too many requests', 'Too many requests for this API key'],
  500: [
    'internal',
    'Internal server error',
    'Something went wrong on our side. Quote the request id if you report it.',
  ],
  503: ['unavailable', 'Service unavailable', 'The database is busy; try again'],
};

/** A plausible problem body for a status, shown as the example of its documented response. */
export function problemExample(status: number) {
  const [slug, title, detail] = SLUGS[status] ?? ['internal', 'Error', 'Error'];
  return {
    type: `https://shutter.dev/problems/${slug}`,
    title,
    status,
    detail,
    instance: '/reviews/rev_3f9a1c0d5e7b2a64',
    requestId: '5d0c6b1e-8f2a-4c3d-9e4f-0a1b2c3d4e5f',
    ...(status === 400 ? { errors: [{ field: 'camera.megapixels', message: 'at most 400' }] } : {}),
    ...(status === 422
      ? { errors: [{ field: 'body', message: 'at least 150 words (it has 42)' }] }
      : {}),
  };
}

/** What a problem response of this status means, as the document describes it. */
export function problemDescription(status: number): string {
  return DESCRIPTIONS[status] ?? 'Error';
}

/** The documented problem+json response for one status, with its description and example. */
export function documentedProblem(status: number) {
  return {
    description: problemDescription(status),
    content: {
      'application/problem+json': { schema: ProblemSchema, example: problemExample(status) },
    },
  };
}

/** The documented problem+json responses for a route, by status code. */
export function problemResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, documentedProblem(status)]),
  ) as Record<S, ReturnType<typeof documentedProblem>>;
}
