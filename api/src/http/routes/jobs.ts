import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Services } from '../../services/service-types.js';
import type { AppOptions } from '../app-env.js';
import { requireRole } from '../middleware/require-role.js';
import { requireUser } from '../middleware/require-user.js';
import {
  bearerSecurity,
  privateNoStore,
  registerBearerScheme,
} from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { createRouter } from '../validation.js';

const DeadJobSchema = z
  .object({
    id: z.string().check(z.meta({ example: 'review:render:rev_3f9a1c0d5e7b2a64:7' })),
    type: z.string().check(z.meta({ example: 'content:review' })),
    attempts: z.int(),
    lastError: z.string().check(z.meta({ description: 'The reason its last attempt gave' })),
    enqueuedAt: z.string(),
    diedAt: z.string(),
  })
  .check(z.meta({ id: 'DeadJob' }));

const JobQueueSchema = z
  .object({
    pending: z.int().check(z.meta({ description: 'Waiting to run, due or delayed' })),
    leased: z.int().check(z.meta({ description: 'Held by a worker now' })),
    dead: z.int(),
    deadJobs: z.array(DeadJobSchema).check(z.meta({ description: 'Most recently died first' })),
  })
  .check(z.meta({ id: 'JobQueue' }));

const JobIdParam = z.object({
  id: z
    .string()
    .check(z.minLength(1), z.maxLength(500))
    .check(z.meta({ param: { name: 'id', in: 'path' }, example: 'index:rebuild' })),
});

const NOT_HERE =
  'The job queue is not readable on this deployment (on AWS it is SQS: its dead letters are in the dead-letter queue, redriven from the SQS console)';

/**
 * The background job queue for the admins' console: counts, dead letters with their reason,
 * and retrying one. Served where the process drains its own queue (the local server); an app
 * without a readable queue (the accounts Lambda: SQS on AWS) answers 404 naming the DLQ.
 */
export function jobsRoutes(
  services: Pick<Services, 'currentUser'>,
  jobQueue: AppOptions['jobQueue'],
) {
  const router = createRouter();
  registerBearerScheme(router);
  const middleware = [requireUser(services.currentUser), requireRole('admin')];
  const common = { tags: ['Operations'], security: bearerSecurity, middleware };
  const queue = () => {
    if (!jobQueue) throw new NotFoundError(NOT_HERE);
    return jobQueue;
  };

  const read = createRoute({
    ...common,
    method: 'get',
    path: '/jobs',
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'The job queue',
      description: `How many jobs are pending, leased and dead, and every dead job with the reason its last attempt failed (admins only). Local server only: ${NOT_HERE.toLowerCase()}.`,
      responses: {
        200: {
          description: 'The queue',
          headers: privateNoStore,
          content: { 'application/json': { schema: JobQueueSchema } },
        },
        ...problemResponses(401, 403, 404),
      },
    }),
  });
  router.openapi(read, async (c) => {
    const jobs = queue();
    const [stats, dead] = await Promise.all([jobs.stats(), jobs.listDead()]);
    return c.json(
      {
        ...stats,
        deadJobs: dead.map((job) => ({
          id: job.id,
          type: job.type,
          attempts: job.attempts,
          lastError: job.lastError,
          enqueuedAt: job.enqueuedAt.toISOString(),
          diedAt: job.diedAt.toISOString(),
        })),
      },
      200,
    );
  });

  const retry = createRoute({
    ...common,
    method: 'post',
    path: '/jobs/{id}/retry',
    request: { params: JobIdParam },
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'Retry a dead job',
      description:
        'Makes a dead-lettered job due now with its attempts reset (admins only). 404 when no dead job has this id.',
      responses: {
        204: { description: 'Queued again' },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
  });
  router.openapi(retry, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await queue().retryDead(id))) throw new NotFoundError(`No dead job has the id ${id}`);
    return c.body(null, 204);
  });

  return router;
}
