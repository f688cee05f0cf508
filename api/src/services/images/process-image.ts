import { createHash } from 'node:crypto';
import exifReader from 'exif-reader';
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import {
  IMAGE_FORMAT_TYPES,
  IMAGE_FORMATS,
  IMAGE_LADDER,
  IMAGE_VARIANT_PREFIX,
  IMMUTABLE_CACHE_CONTROL,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  uploadKey,
  variantName,
  type ImageContentType,
  type ImageExif,
  type ImageFormat,
  type ImageRecord,
  type ImageVariant,
} from '../../domain/image.js';
import type { BlobStore } from '../../ports/blob-store.js';
import type { Clock } from '../../ports/clock.js';
import type { ImageStore } from '../../ports/image-store.js';
import { updateImage } from './update-image.js';

export interface ProcessImageDeps {
  images: ImageStore;
  blobs: BlobStore;
  clock: Clock;
  /** The widths to cut; `IMAGE_LADDER` by default. */
  ladder?: readonly number[];
}

/** What processing did: the record as stored, or nothing when the image is gone. */
export type ProcessOutcome = ImageRecord | undefined;

/** A file refused for what it is (not for a passing storage failure, which is retried). */
class Refused extends Error {}

/** Encoder settings: visually close to each other at a fraction of the original's bytes. */
const ENCODE: Record<ImageFormat, (image: Sharp) => Sharp> = {
  avif: (image) => image.avif({ quality: 50, effort: 2 }),
  webp: (image) => image.webp({ quality: 75 }),
  jpeg: (image) => image.jpeg({ quality: 80, mozjpeg: true }),
};

/** What sharp reports, as the media type a client would declare. */
function realType(metadata: Metadata): ImageContentType | undefined {
  switch (metadata.format) {
    case 'jpeg':
      return 'image/jpeg';
    case 'png':
      return 'image/png';
    case 'webp':
      return 'image/webp';
    case 'heif':
      // AVIF and HEIC share the HEIF container; only AV1 is readable (and accepted).
      return metadata.compression === 'av1' ? 'image/avif' : undefined;
    default:
      return undefined;
  }
}

/** The widths to cut: the ladder's below the original, and the original's own width on top. */
export function widthsFor(originalWidth: number, ladder: readonly number[]): number[] {
  const top = Math.max(...ladder);
  const widths = ladder.filter((w) => w < originalWidth);
  widths.push(Math.min(originalWidth, top));
  return [...new Set(widths)].sort((a, b) => a - b);
}

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 100) : undefined;

/** Exposure time as photographers write it. */
function shutterOf(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  if (seconds >= 1) return `${Math.round(seconds * 10) / 10}s`;
  return `1/${Math.round(1 / seconds)}`;
}

/** The EXIF fields a reader cares about; location and everything else is never kept. */
export function readerExif(raw: Buffer | undefined): ImageExif {
  if (!raw) return {};
  let tags: ReturnType<typeof exifReader>;
  try {
    tags = exifReader(raw);
  } catch {
    return {}; // unreadable EXIF is no reason to refuse the photo
  }
  const image = (tags.Image ?? {}) as Record<string, unknown>;
  const photo = (tags.Photo ?? {}) as Record<string, unknown>;
  const iso = Array.isArray(photo.ISOSpeedRatings)
    ? finite(photo.ISOSpeedRatings[0])
    : finite(photo.ISOSpeedRatings ?? photo.PhotographicSensitivity);
  const exif: ImageExif = {
    make: text(image.Make),
    model: text(image.Model),
    lens: text(photo.LensModel),
    focalLength: finite(photo.FocalLength),
    aperture: finite(photo.FNumber),
    shutter: shutterOf(finite(photo.ExposureTime)),
    iso,
  };
  return Object.fromEntries(Object.entries(exif).filter(([, v]) => v !== undefined)) as ImageExif;
}

/**
 * Checks an uploaded original and cuts its variants. The real type comes from the bytes (never
 * the declaration) and the pixel count is checked before any decoding (`limitInputPixels` as a
 * second line), so a decompression bomb is refused cheaply. Outputs carry no metadata: sharp
 * writes none unless asked (`keepMetadata`/`withExif` are never called), so GPS, maker notes,
 * XMP and the rest stay behind; orientation is applied to the pixels first (`autoOrient`).
 * Names hash the image id with each variant's bytes: a new ladder or encoder gives new names,
 * the same key never holds other bytes, and no two images share a file.
 *
 * A refused file marks the image `failed` with the reason and leaves nothing stored (the
 * original is deleted); a storage failure throws, so the queue retries.
 */
export async function processImage(
  deps: ProcessImageDeps,
  reviewId: string,
  imageId: string,
): Promise<ProcessOutcome> {
  const { images, blobs, clock } = deps;
  const image = await images.get(reviewId, imageId);
  if (!image) return undefined;
  const key = uploadKey(reviewId, imageId);
  const original = await blobs.get(key);

  let variants: ImageVariant[] = [];
  try {
    if (!original) throw new Refused('No file was uploaded');
    if (original.size > image.size || original.size > MAX_IMAGE_BYTES)
      throw new Refused(`The file has ${original.size} bytes, over the ${image.size} declared`);
    const options: SharpOptions = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' };
    let metadata: Metadata;
    try {
      // The header only, nothing decoded: the pixel limit is checked below, with a clear reason.
      metadata = await sharp(original.bytes, { ...options, limitInputPixels: false }).metadata();
    } catch {
      throw new Refused('The file is not an image Shutter can read (JPEG, PNG, WebP or AVIF)');
    }
    const type = realType(metadata);
    if (!type)
      throw new Refused(
        `The file is ${metadata.format ?? 'of an unknown format'}, not JPEG, PNG, WebP or AVIF`,
      );
    if (type !== image.contentType)
      throw new Refused(`The file is ${type}, not the ${image.contentType} declared`);
    const { width = 0, height = 0 } = metadata;
    if (width * height > MAX_IMAGE_PIXELS)
      throw new Refused(
        `The image has ${width}×${height} pixels, over the limit of ${MAX_IMAGE_PIXELS / 1e6} megapixels`,
      );
    // Orientations 5 to 8 turn the picture a quarter: width and height swap once applied.
    const turned = (metadata.orientation ?? 1) >= 5;
    const [w, h] = turned ? [height, width] : [width, height];
    const exif = readerExif(metadata.exif);

    try {
      for (const width of widthsFor(w, deps.ladder ?? IMAGE_LADDER)) {
        for (const format of IMAGE_FORMATS) {
          const pipeline = sharp(original.bytes, options).autoOrient().resize({ width });
          const { data, info } = await ENCODE[format](pipeline).toBuffer({
            resolveWithObject: true,
          });
          const hash = createHash('sha256')
            .update(`${imageId}\0`)
            .update(data)
            .digest('hex')
            .slice(0, 32);
          const name = variantName(hash, info.width, format);
          await blobs.put(`${IMAGE_VARIANT_PREFIX}${name}`, data, {
            contentType: IMAGE_FORMAT_TYPES[format],
            cacheControl: IMMUTABLE_CACHE_CONTROL,
          });
          variants.push({
            width: info.width,
            height: info.height,
            format,
            name,
            bytes: data.length,
          });
        }
      }
    } catch (error) {
      // A decoder error halfway (a truncated file) is the file's fault; a storage error is not.
      if ((error as { kind?: unknown }).kind !== undefined) throw error;
      throw new Refused(`The image could not be decoded: ${(error as Error).message}`);
    }

    const previous = image.variants;
    const stored = await updateImage(images, reviewId, imageId, (current) => {
      const { reason: _reason, ...rest } = current;
      return {
        ...rest,
        status: 'ready',
        width: w,
        height: h,
        variants,
        exif,
        updatedAt: clock.now().toISOString(),
      };
    });
    const kept = new Set(variants.map((v) => v.name));
    for (const v of previous)
      if (!kept.has(v.name)) await blobs.delete(`${IMAGE_VARIANT_PREFIX}${v.name}`);
    if (!stored) await removeAll(blobs, key, variants); // deleted while it was processed
    return stored;
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await removeAll(blobs, key, [...variants, ...image.variants]);
    variants = [];
    return updateImage(images, reviewId, imageId, (current) => ({
      ...current,
      status: 'failed',
      reason: error.message,
      variants: [],
      updatedAt: clock.now().toISOString(),
    }));
  }
}

async function removeAll(blobs: BlobStore, key: string, variants: readonly ImageVariant[]) {
  await blobs.delete(key);
  for (const v of variants) await blobs.delete(`${IMAGE_VARIANT_PREFIX}${v.name}`);
}
