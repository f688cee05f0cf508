import { z } from '@hono/zod-openapi';

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://shutter.dev/problems/validation' }),
    title: z.string().openapi({ example: 'Invalid request' }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string().openapi({ example: "The request's path parameter is invalid" }),
    instance: z.string().optional().openapi({ example: '/visits/Bad%20Id' }),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'One entry per invalid field.' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details.' });

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: `errors` names each invalid field',
  401: 'Missing or invalid credentials',
  403: 'Credentials do not allow this',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'The `If-Match` precondition failed',
  413: 'Request body too large',
  428: 'An `If-Match` header is required',
  429: 'Too many requests; see `Retry-After`',
  500: 'Internal error',
  503: 'Temporarily unavailable; see `Retry-After`',
};

/** The documented problem+json responses for a route, by status code. */
export function problemResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as Record<
    S,
    {
      description: string;
      content: { 'application/problem+json': { schema: typeof ProblemSchema } };
    }
  >;
}
