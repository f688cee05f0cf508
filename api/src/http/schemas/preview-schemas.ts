import * as z from 'zod';
import { DEFAULT_PREVIEW_TTL_HOURS, MAX_PREVIEW_TTL_HOURS } from '../../services/preview-links.js';

export const CreatePreviewSchema = z
  .object({
    ttlHours: z
      .number()
      .int('a whole number of hours')
      .min(1, 'at least 1 hour')
      .max(MAX_PREVIEW_TTL_HOURS, `at most ${MAX_PREVIEW_TTL_HOURS} hours (a week)`)
      .optional()
      .meta({
        description: `How long the link works; ${DEFAULT_PREVIEW_TTL_HOURS} hours when omitted.`,
        example: 48,
      }),
  })
  .strict()
  .meta({ id: 'CreatePreview' });

export const PreviewLinkSchema = z
  .object({
    url: z.string().meta({
      description:
        'The preview page: anyone with it sees the review’s current draft (HTML, or the `/content/{slug}` JSON with `Accept: application/json`) until it expires or is revoked. Shown once: only its hash is stored.',
      example: 'https://api.example.com/preview/8PjXk2bq0ZC3g5t1r5hQm4ePz6s0nW4Q2kA7yV9cL1E',
    }),
    expiresAt: z.string().meta({ example: '2026-11-22T12:00:00.000Z' }),
  })
  .meta({ id: 'PreviewLink' });

export const PreviewTokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(100)
    .meta({
      param: { name: 'token', in: 'path' },
      example: '8PjXk2bq0ZC3g5t1r5hQm4ePz6s0nW4Q2kA7yV9cL1E',
    }),
});
