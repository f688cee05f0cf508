import * as z from 'zod/mini';
import {
  IMAGE_CONTENT_TYPES,
  IMAGE_FORMATS,
  IMAGE_URL_PREFIX,
  MAX_ALT_LENGTH,
  MAX_IMAGE_BYTES,
  type ImageRecord,
} from '../../domain/image.js';

const AltSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(MAX_ALT_LENGTH))
  .check(
    z.meta({
      description:
        'What a screen reader says instead of the photo. Required: publishing refuses a review with an image without alt text.',
      example: 'The X100VI on a café table, lens cap off',
    }),
  );

export const NewImageSchema = z
  .strictObject({
    filename: z
      .string()
      .check(z.minLength(1), z.maxLength(255))
      .check(z.meta({ example: 'x100vi-table.jpg' })),
    contentType: z.enum(IMAGE_CONTENT_TYPES).check(
      z.meta({
        description: 'The type the file will be sent with; processing checks the real type.',
      }),
    ),
    size: z
      .number()
      .check(z.int(), z.minimum(1), z.maximum(MAX_IMAGE_BYTES))
      .check(
        z.meta({
          description: `The file's size in bytes; the upload may not be larger (at most ${MAX_IMAGE_BYTES}).`,
          example: 2_481_337,
        }),
      ),
    alt: AltSchema,
  })
  .check(z.meta({ id: 'NewImage' }));

export const ImagePatchSchema = z
  .strictObject({ alt: AltSchema })
  .check(z.meta({ id: 'ImagePatch' }));

const ExifSchema = z
  .object({
    make: z.optional(z.string()),
    model: z.optional(z.string()),
    lens: z.optional(z.string()),
    focalLength: z.optional(z.number()).check(z.meta({ description: 'Millimetres' })),
    aperture: z.optional(z.number()).check(z.meta({ description: 'The f-number' })),
    shutter: z.optional(z.string()).check(z.meta({ example: '1/250' })),
    iso: z.optional(z.number()),
  })
  .check(
    z.meta({
      id: 'ImageExif',
      description:
        'The camera settings read from the original; location and every other tag are dropped and never served.',
    }),
  );

const VariantSchema = z.object({
  width: z.number().check(z.int()),
  height: z.number().check(z.int()),
  format: z.enum(IMAGE_FORMATS),
  url: z
    .string()
    .check(z.meta({ example: `${IMAGE_URL_PREFIX}3f9a1c0d5e7b2a643f9a1c0d5e7b2a64-960.avif` })),
});

export const ImageSchema = z
  .object({
    id: z.string().check(z.meta({ example: 'img_5e7b2a643f9a1c0d' })),
    reviewId: z.string(),
    status: z.enum(['pending', 'ready', 'failed']).check(
      z.meta({
        description:
          '`pending` until the processing job ran, then `ready` with variants, or `failed` with a `reason` and nothing stored.',
      }),
    ),
    reason: z.optional(z.string()),
    filename: z.string(),
    contentType: z.enum(IMAGE_CONTENT_TYPES),
    size: z.number().check(z.int()),
    alt: z.string(),
    width: z.optional(z.number().check(z.int())),
    height: z.optional(z.number().check(z.int())),
    variants: z.array(VariantSchema),
    exif: ExifSchema,
    markdown: z.string().check(
      z.meta({
        description: 'How to place the photo in the body',
        example: '![The X100VI on a café table](image:img_5e7b2a643f9a1c0d)',
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .check(z.meta({ id: 'Image' }));

export const CreatedImageSchema = z
  .extend(ImageSchema, {
    upload: z
      .object({
        url: z.string().check(
          z.meta({
            description:
              'Where to POST the file as multipart/form-data: every field below first, then `file`. On AWS an S3 bucket URL; locally `/uploads/{reviewId}/{imageId}` on this API.',
          }),
        ),
        fields: z.record(z.string(), z.string()),
      })
      .check(z.meta({ description: 'Valid for 15 minutes.' })),
  })
  .check(z.meta({ id: 'CreatedImage' }));

export const ImageListSchema = z
  .object({ items: z.array(ImageSchema) })
  .check(z.meta({ id: 'ImageList' }));

export const PublicImageSchema = z
  .object({
    url: z.string().check(z.meta({ description: 'The largest JPEG' })),
    width: z.number().check(z.int()),
    height: z.number().check(z.int()),
    alt: z.string(),
    srcset: z.object({ avif: z.string(), webp: z.string(), jpeg: z.string() }),
  })
  .check(
    z.meta({
      id: 'PublicImage',
      description:
        'A ready photo: its URLs are paths under `/images/` on the API origin, immutable (`Cache-Control: public, max-age=31536000, immutable`).',
    }),
  );

/** What the API shows of a record: no token hash, no blob keys; URLs for the variants. */
export function imageView(image: ImageRecord) {
  return {
    id: image.id,
    reviewId: image.reviewId,
    status: image.status,
    ...(image.reason !== undefined ? { reason: image.reason } : {}),
    filename: image.filename,
    contentType: image.contentType,
    size: image.size,
    alt: image.alt,
    ...(image.width !== undefined ? { width: image.width, height: image.height } : {}),
    variants: image.variants.map((v) => ({
      width: v.width,
      height: v.height,
      format: v.format,
      url: `${IMAGE_URL_PREFIX}${v.name}`,
    })),
    exif: image.exif,
    markdown: `![${image.alt.replace(/[[\]\\]/g, '\\$&')}](image:${image.id})`,
    createdAt: image.createdAt,
    updatedAt: image.updatedAt,
  };
}
