import * as z from 'zod';
import { CAMERA_TYPES, SENSOR_TYPES } from '../../domain/review.js';
import { queryDecimal } from './query-numbers.js';

/**
 * A plain GET form sends every field, the empty ones as `name=`: an empty field means "not set",
 * so a search shared from the address bar and one typed into the form read the same.
 */
const blankIsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const HomeQuerySchema = z.object({
  q: blankIsAbsent(z.string().max(200, 'at most 200 characters')).meta({
    description: 'Search words, as `/content`’s `q` (typo-tolerant, by prefix).',
    example: 'autofocus',
  }),
  brand: blankIsAbsent(z.string().max(40)).meta({ example: 'Sony' }),
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
  cursor: blankIsAbsent(z.string().max(1024)).meta({
    description: 'The "More reviews" link’s cursor.',
  }),
});

export const ComparePageQuerySchema = z.object({
  slugs: z
    .union([z.string().max(420), z.array(z.string().max(420)).max(4)])
    .optional()
    .meta({
      description:
        'Reviews to compare: comma-separated (`a,b,c`) or repeated (`slugs=a&slugs=b`, as the picker form sends). Fewer than two shows the picker with those ticked.',
      example: 'sony-a7-iv-review,nikon-z6-iii-review',
    }),
});

export const SitemapQuerySchema = z.object({
  part: blankIsAbsent(
    z
      .string()
      .regex(/^[1-9][0-9]{0,5}$/, 'a part number from 1')
      .transform(Number),
  ).meta({ description: 'One part of a sitemap split past 50,000 URLs.', example: '2' }),
});

export const AssetParam = z.object({
  file: z
    .string()
    .max(100)
    .regex(/^[a-z0-9.-]+$/, 'an asset name')
    .meta({ param: { name: 'file', in: 'path' } }),
});
