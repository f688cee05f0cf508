import * as z from 'zod/mini';
import { REVIEW_STATUSES } from '../../domain/review.js';
import { CameraSchema, ScoresSchema } from './review-schemas.js';

/** A revision number in a path or query: plain digits, 1 to 9,999,999,999 (ten digits). */
export const revisionNumber = (name: string, where: 'path' | 'query') =>
  z
    .pipe(
      z
        .string()
        .check(
          z.regex(/^[1-9][0-9]{0,9}$/, 'a revision number: a whole number from 1, as plain digits'),
        ),
      z.transform(Number),
    )
    .check(
      z.meta({
        param: { name, in: where, required: true },
        type: 'integer',
        minimum: 1,
        example: where === 'path' ? '3' : undefined,
      }),
    );

const summaryFields = {
  reviewId: z.string().check(z.meta({ example: 'rev_3f9a1c0d5e7b2a64' })),
  n: z
    .number()
    .check(z.int())
    .check(
      z.meta({
        description: 'The revision number: the review’s version after this save (`ETag "v{n}"`).',
        example: 3,
      }),
    ),
  savedAt: z.string().check(z.meta({ example: '2026-11-21T12:00:00.000Z' })),
  savedBy: z
    .string()
    .check(z.meta({ description: 'Id of the user who saved it.', example: 'usr_a' })),
};

export const RevisionSummarySchema = z
  .object({
    ...summaryFields,
    title: z.string(),
    status: z.enum(REVIEW_STATUSES),
  })
  .check(z.meta({ id: 'RevisionSummary' }));

export const RevisionListSchema = z
  .object({
    items: z.array(RevisionSummarySchema).check(
      z.meta({
        description:
          'The kept revisions, newest first, without content (`SHUTTER_REVISIONS_KEPT`, 50 by default, per review).',
      }),
    ),
  })
  .check(z.meta({ id: 'RevisionList' }));

export const RevisionSchema = z
  .object({
    ...summaryFields,
    content: z
      .object({
        slug: z.string(),
        camera: CameraSchema,
        title: z.string(),
        summary: z.string(),
        body: z.string(),
        rating: z.number(),
        scores: ScoresSchema,
        pros: z.array(z.string()),
        cons: z.array(z.string()),
        status: z.enum(REVIEW_STATUSES),
      })
      .check(z.meta({ description: 'The editable fields as this save left them.' })),
  })
  .check(z.meta({ id: 'Revision' }));

const LineChangeSchema = z.object({
  op: z.enum(['unchanged', 'removed', 'added']),
  text: z.string().check(z.meta({ description: 'One line, without its line feed.' })),
});

const ValueChangeSchema = z
  .object({
    field: z.string().check(
      z.meta({
        description:
          'Dotted path of the field: `slug`, `status`, `title`, `summary`, `camera.{brand,model,type,sensor,megapixels,releaseYear,priceUsd,mount}`, `rating`, `scores.{imageQuality,autofocus,video,ergonomics,value}`, `pros`, `cons`.',
        example: 'camera.priceUsd',
      }),
    ),
    from: z
      .unknown()
      .check(z.meta({ description: 'The value in `from` (a list whole).', example: 1999 })),
    to: z.unknown().check(z.meta({ description: 'The value in `to`.', example: 1799 })),
  })
  .check(z.meta({ id: 'FieldChange' }));

const BodyChangeSchema = z
  .object({
    field: z.literal('body'),
    lines: z.array(LineChangeSchema).check(
      z.meta({
        description:
          'The body as a line diff (jsdiff `diffLines`): every line of both texts in order, each `unchanged`, `removed` (only in `from`) or `added` (only in `to`).',
      }),
    ),
  })
  .check(z.meta({ id: 'BodyChange' }));

export const RevisionDiffSchema = z
  .object({
    reviewId: z.string(),
    from: z.number().check(z.int()),
    to: z.number().check(z.int()),
    changes: z.array(z.union([BodyChangeSchema, ValueChangeSchema])).check(
      z.meta({
        description:
          'One entry per field that differs, in reading order, the body last; empty when the two revisions hold the same content.',
      }),
    ),
  })
  .check(
    z.meta({
      id: 'RevisionDiff',
      example: {
        reviewId: 'rev_3f9a1c0d5e7b2a64',
        from: 2,
        to: 3,
        changes: [
          { field: 'camera.priceUsd', from: 1999, to: 1799 },
          { field: 'scores.autofocus', from: 8, to: 7 },
          {
            field: 'body',
            lines: [
              { op: 'unchanged', text: '## Handling' },
              { op: 'removed', text: 'Autofocus is fast.' },
              { op: 'added', text: 'Autofocus hunts in low light.' },
            ],
          },
        ],
      },
    }),
  );
