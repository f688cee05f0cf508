import * as z from 'zod/mini';
import { CAMERA_TYPES, SENSOR_TYPES } from '../../domain/review.js';
import { queryDecimal } from './query-numbers.js';
import { withMeta } from './with-meta.js';

/**
 * A plain GET form sends every field, the empty ones as `name=`: an empty field means "not set",
 * so a search shared from the address bar and one typed into the form read the same. (zod/mini
 * has no `preprocess`; classic's is this same pipe of a transform into the schema.)
 */
const blankIsAbsent = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((value: unknown): unknown => (value === '' ? undefined : value)),
    z.optional(schema),
  );

export const HomeQuerySchema = z.object({
  q: withMeta(blankIsAbsent(z.string().check(z.maxLength(200, 'at most 200 characters'))), {
    description: 'Search words, as `/content`’s `q` (typo-tolerant, by prefix).',
    example: 'autofocus',
  }),
  brand: withMeta(blankIsAbsent(z.string().check(z.maxLength(40))), { example: 'Sony' }),
  type: blankIsAbsent(z.enum(CAMERA_TYPES)),
  sensor: blankIsAbsent(z.enum(SENSOR_TYPES)),
  minRating: blankIsAbsent(queryDecimal({ min: 0, max: 10, description: 'a number from 0 to 10' })),
  minPrice: blankIsAbsent(
    queryDecimal({ min: 0, max: 1_000_000, description: 'a price in US dollars' }),
  ),
  maxPrice: blankIsAbsent(
    queryDecimal({ min: 0, max: 1_000_000, description: 'a price in US dollars' }),
  ),
  sort: blankIsAbsent(z.enum(['relevance', 'newest', 'rating'])),
  cursor: withMeta(blankIsAbsent(z.string().check(z.maxLength(1024))), {
    description: 'The "More reviews" link’s cursor.',
  }),
});

export const ComparePageQuerySchema = z.object({
  slugs: withMeta(
    z.optional(
      z.union([
        z.string().check(z.maxLength(420)),
        z.array(z.string().check(z.maxLength(420))).check(z.maxLength(4)),
      ]),
    ),
    {
      description:
        'Reviews to compare: comma-separated (`a,b,c`) or repeated (`slugs=a&slugs=b`, as the picker form sends). Fewer than two shows the picker with those ticked.',
      example: 'sony-a7-iv-review,nikon-z6-iii-review',
    },
  ),
});

export const SitemapQuerySchema = z.object({
  part: withMeta(
    blankIsAbsent(
      z.pipe(
        z.string().check(z.regex(/^[1-9][0-9]{0,5}$/, 'a part number from 1')),
        z.transform(Number),
      ),
    ),
    { description: 'One part of a sitemap split past 50,000 URLs.', example: '2' },
  ),
});

export const AssetParam = z.object({
  file: withMeta(z.string().check(z.maxLength(100), z.regex(/^[a-z0-9.-]+$/, 'an asset name')), {
    param: { name: 'file', in: 'path' },
  }),
});
