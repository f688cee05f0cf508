import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import type { MiddlewareHandler } from 'hono';
import { IMAGE_ID, MAX_IMAGE_BYTES, variantContentType } from '../../domain/image.js';
import { UploadTooLargeError } from '../../services/images/images-service.js';
import type { Services } from '../../services/service-types.js';
import type { AppEnv } from '../app-env.js';
import { requireUser } from '../middleware/require-user.js';
import { HttpProblemError } from '../problem.js';
import { bearerSecurity, registerBearerScheme } from '../schemas/account-schemas.js';
import {
  CreatedImageSchema,
  ImageListSchema,
  ImagePatchSchema,
  ImageSchema,
  imageView,
  NewImageSchema,
} from '../schemas/image-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { createRouter } from '../validation.js';

const ReviewParam = z.object({
  id: z
    .string()
    .check(z.minLength(1), z.maxLength(64))
    .check(z.meta({ param: { name: 'id', in: 'path' }, example: 'rev_3f9a1c0d5e7b2a64' })),
});
const ImageParams = z.extend(ReviewParam, {
  imageId: z
    .string()
    .check(z.regex(IMAGE_ID, 'an image id: img_ and 16 hex digits'))
    .check(z.meta({ param: { name: 'imageId', in: 'path' }, example: 'img_5e7b2a643f9a1c0d' })),
});

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const tags = ['Images'];

const createImage = createRoute({
  method: 'post',
  path: '/reviews/{id}/images',
  tags,
  request: { params: ReviewParam, body: { required: true, content: json(NewImageSchema) } },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    summary: 'Start a photo upload',
    description:
      'Declares a photo (name, type, size, alt text) and answers where to send the file: POST `upload.url` as multipart/form-data with every `upload.fields` entry, then the file as `file` (an S3 POST on AWS, Shutter’s own `/uploads/…` route locally; both refuse another key or type, a larger file, or a late one after 15 minutes). Then call `…/complete`. JPEG, PNG, WebP or AVIF, at most 25 MB and 50 megapixels.',
    security: bearerSecurity,
    responses: {
      201: { description: 'Pending, with its upload target', content: json(CreatedImageSchema) },
      ...problemResponses(400, 401, 404, 413),
    },
  }),
});

const listImages = createRoute({
  method: 'get',
  path: '/reviews/{id}/images',
  tags,
  request: { params: ReviewParam },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    summary: 'List a review’s photos',
    security: bearerSecurity,
    responses: {
      200: {
        description: 'Oldest first; the first ready one is the hero',
        content: json(ImageListSchema),
      },
      ...problemResponses(401, 404),
    },
  }),
});

const getImage = createRoute({
  method: 'get',
  path: '/reviews/{id}/images/{imageId}',
  tags,
  request: { params: ImageParams },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    summary: 'Read a photo',
    description: 'Its processing status, variants and EXIF.',
    security: bearerSecurity,
    responses: {
      200: { description: 'The photo', content: json(ImageSchema) },
      ...problemResponses(400, 401, 404),
    },
  }),
});

const patchImage = createRoute({
  method: 'patch',
  path: '/reviews/{id}/images/{imageId}',
  tags,
  request: { params: ImageParams, body: { required: true, content: json(ImagePatchSchema) } },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    summary: 'Change a photo’s alt text',
    security: bearerSecurity,
    responses: {
      200: { description: 'The photo', content: json(ImageSchema) },
      ...problemResponses(400, 401, 404, 413),
    },
  }),
});

const deleteImage = createRoute({
  method: 'delete',
  path: '/reviews/{id}/images/{imageId}',
  tags,
  request: { params: ImageParams },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    summary: 'Remove a photo',
    description: 'Removes the record, the original and every variant.',
    security: bearerSecurity,
    responses: { 204: { description: 'Removed' }, ...problemResponses(400, 401, 404) },
  }),
});

const completeImage = createRoute({
  method: 'post',
  path: '/reviews/{id}/images/{imageId}/complete',
  tags,
  request: { params: ImageParams },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    summary: 'Process an uploaded photo',
    description:
      'Called once the file is uploaded: queues the job that checks it and cuts its variants. Poll the photo until `status` is `ready` or `failed`.',
    security: bearerSecurity,
    responses: {
      202: { description: 'Queued', content: json(ImageSchema) },
      ...problemResponses(400, 401, 404, 409),
    },
  }),
});

/**
 * Skips the token check when a router mounted before this one (the reviews controller's
 * `/reviews/*`) already resolved the user.
 */
function requireUserOnce(resolver: Services['currentUser']): MiddlewareHandler<AppEnv> {
  const require = requireUser(resolver);
  return (c, next) => (c.get('user') ? next() : require(c, next));
}

/** A review's photos, for its author or an admin (the reviews Lambda serves these). */
export function imagesRoutes(services: Pick<Services, 'images' | 'currentUser'>) {
  const router = createRouter();
  registerBearerScheme(router);
  router.use('/reviews/:id/images', requireUserOnce(services.currentUser));
  router.use('/reviews/:id/images/*', requireUserOnce(services.currentUser));

  router.openapi(createImage, async (c) => {
    const { image, upload } = await services.images.create(
      c.get('user'),
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    return c.json({ ...imageView(image), upload }, 201);
  });

  router.openapi(listImages, async (c) => {
    const items = await services.images.list(c.get('user'), c.req.valid('param').id);
    return c.json({ items: items.map(imageView) }, 200);
  });

  router.openapi(getImage, async (c) => {
    const { id, imageId } = c.req.valid('param');
    return c.json(imageView(await services.images.get(c.get('user'), id, imageId)), 200);
  });

  router.openapi(patchImage, async (c) => {
    const { id, imageId } = c.req.valid('param');
    const image = await services.images.updateAlt(
      c.get('user'),
      id,
      imageId,
      c.req.valid('json').alt,
    );
    return c.json(imageView(image), 200);
  });

  router.openapi(deleteImage, async (c) => {
    const { id, imageId } = c.req.valid('param');
    await services.images.remove(c.get('user'), id, imageId);
    return c.body(null, 204);
  });

  router.openapi(completeImage, async (c) => {
    const { id, imageId } = c.req.valid('param');
    return c.json(imageView(await services.images.complete(c.get('user'), id, imageId)), 202);
  });

  return router;
}

/** Multipart framing around the file: the fields and part headers, generously. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

const uploadFile = createRoute({
  method: 'post',
  path: '/uploads/{reviewId}/{imageId}',
  // A photo is larger than the app's general body limit.
  bodyLimitBytes: MAX_IMAGE_BYTES + FORM_OVERHEAD_BYTES,
  tags,
  request: {
    params: z.object({
      reviewId: z
        .string()
        .check(z.minLength(1), z.maxLength(64))
        .check(z.meta({ param: { name: 'reviewId', in: 'path' } })),
      imageId: z
        .string()
        .check(z.minLength(1), z.maxLength(64))
        .check(z.meta({ param: { name: 'imageId', in: 'path' } })),
    }),
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({
            key: z.string(),
            'Content-Type': z.string(),
            token: z.string(),
            file: z
              .custom<File>((value) => value instanceof File, 'a file')
              .check(z.meta({ type: 'string', format: 'binary' })),
          }),
        },
      },
    },
  },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    summary: 'Upload a photo’s file (local server)',
    description:
      'The local stand-in for an S3 POST: multipart/form-data with the `upload.fields` of `POST /reviews/{id}/images` (`key`, `Content-Type`, `token`) and the file as `file`, last. Refused with 403 when the token, key or type differ or the 15 minutes are over, and with 413 when the file is larger than declared (or 25 MB). No bearer token: the form’s token is the permission. On AWS `upload.url` is the bucket and this route is not deployed.',
    responses: {
      204: { description: 'Stored; now call `POST /reviews/{id}/images/{imageId}/complete`' },
      ...problemResponses(400, 403, 413, 415),
    },
  }),
});

const getVariant = createRoute({
  method: 'get',
  path: '/images/{name}',
  tags,
  request: {
    params: z.object({
      name: z.string().check(
        z.meta({
          param: { name: 'name', in: 'path' },
          example: '3f9a1c0d5e7b2a643f9a1c0d5e7b2a64-960.avif',
        }),
      ),
    }),
  },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    summary: 'A photo variant (local server)',
    description:
      'One width of one photo in one format, by its content-hash name (from `variants[].url`, a hero or a body’s `<picture>`). `Cache-Control: public, max-age=31536000, immutable`: the name changes whenever the bytes do. On AWS CloudFront serves `/images/*` from the content bucket.',
    responses: {
      200: {
        description: 'The image',
        content: {
          'image/avif': { schema: z.string().check(z.meta({ format: 'binary' })) },
          'image/webp': { schema: z.string().check(z.meta({ format: 'binary' })) },
          'image/jpeg': { schema: z.string().check(z.meta({ format: 'binary' })) },
        },
      },
      ...problemResponses(404),
    },
  }),
});

/**
 * The local server's photo files: the upload route standing in for an S3 POST, and the
 * variants from the blob store. Lambda entries never mount these (S3 and CloudFront do it).
 */
export function imageFilesRoutes(services: Pick<Services, 'images'>) {
  const router = createRouter();

  router.openapi(uploadFile, async (c) => {
    const { reviewId, imageId } = c.req.valid('param');
    const { file, ...fields } = c.req.valid('form');
    try {
      await services.images.acceptUpload(reviewId, imageId, {
        fields,
        file: { bytes: new Uint8Array(await file.arrayBuffer()), size: file.size },
      });
    } catch (error) {
      if (error instanceof UploadTooLargeError)
        throw new HttpProblemError(413, 'payload-too-large', 'Payload too large', error.message);
      throw error;
    }
    return c.body(null, 204);
  });

  router.openapi(getVariant, async (c) => {
    const { name } = c.req.valid('param');
    const blob = variantContentType(name) ? await services.images.variant(name) : undefined;
    if (!blob)
      throw new HttpProblemError(404, 'not-found', 'Not found', `No image named "${name}"`);
    c.header('Content-Type', blob.contentType);
    c.header('Cache-Control', blob.cacheControl ?? 'public, max-age=31536000, immutable');
    c.header('ETag', blob.etag);
    return c.body(blob.bytes as Uint8Array<ArrayBuffer>, 200);
  });

  return router;
}
