import * as z from 'zod/mini';
import { withMeta } from './with-meta.js';
import { DEFAULT_PREVIEW_TTL_HOURS, MAX_PREVIEW_TTL_HOURS } from '../../services/preview-links.js';

export const CreatePreviewSchema = withMeta(
  z.strictObject({
    ttlHours: withMeta(
      z.optional(
        z
          .number()
          .check(
            z.int('a whole number of hours'),
            z.minimum(1, 'at least 1 hour'),
            z.maximum(MAX_PREVIEW_TTL_HOURS, `at most ${MAX_PREVIEW_TTL_HOURS} hours (a week)`),
          ),
      ),
      {
        description: `How long the link works; ${DEFAULT_PREVIEW_TTL_HOURS} hours when omitted.`,
        example: 48,
      },
    ),
  }),
  { id: 'CreatePreview' },
);

export const PreviewLinkSchema = z
  .object({
    url: z.string().check(
      z.meta({
        description:
          'The preview page: anyone with it sees the review’s current draft (HTML, or the `/content/{slug}` JSON with `Accept: application/json`) until it expires or is revoked. Shown once: only its hash is stored.',
        example: 'https://api.example.com/preview/8PjXk2bq0ZC3g5t1r5hQm4ePz6s0nW4Q2kA7yV9cL1E',
      }),
    ),
    expiresAt: z.string().check(z.meta({ example: '2026-11-22T12:00:00.000Z' })),
  })
  .check(z.meta({ id: 'PreviewLink' }));

export const PreviewTokenParam = z.object({
  token: withMeta(z.string().check(z.minLength(1), z.maxLength(100)), {
    param: { name: 'token', in: 'path' },
    example: '8PjXk2bq0ZC3g5t1r5hQm4ePz6s0nW4Q2kA7yV9cL1E',
  }),
});
