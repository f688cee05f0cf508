/**
 * A review's photos: the record each upload gets, the limits every runtime enforces, the width
 * ladder the variants are cut to, and the Markdown reference that places one in a body.
 */

/** The most bytes one upload may have (declared and sent): 25 MiB. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

/** The most pixels one image may decode to: refuses decompression bombs before decoding. */
export const MAX_IMAGE_PIXELS = 50_000_000;

/**
 * The media types an upload may declare, and that its real type (read by the job, never taken
 * from the declaration) must be. HEIC is absent: the prebuilt sharp from npm ships libheif with
 * the AV1 decoder only (HEVC is patent-encumbered), so it cannot read one.
 */
export const IMAGE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[number];

export function isImageContentType(value: string): value is ImageContentType {
  return (IMAGE_CONTENT_TYPES as readonly string[]).includes(value);
}

/**
 * The widths every variant is cut to, never wider than the original (no upscaling). Changing it
 * is a code change followed by `npm run images -- regenerate`.
 */
export const IMAGE_LADDER: readonly number[] = [480, 960, 1600, 2400];

/** The formats each width is written in, best first: the order of a `<picture>`'s sources. */
export const IMAGE_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const IMAGE_FORMAT_TYPES: Record<ImageFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};

const EXTENSIONS: Record<ImageFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/** Variants live under this prefix of the blob store, and are served under `/images/`. */
export const IMAGE_VARIANT_PREFIX = 'images/';
/** Originals, as uploaded, live under this prefix; never served. */
export const IMAGE_UPLOAD_PREFIX = 'uploads/';
/** The path readers load variants from: the API's origin locally, CloudFront on AWS. */
export const IMAGE_URL_PREFIX = '/images/';

/** Variants never change under a name: the name is a hash of the bytes. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** `images/{hash}-{width}.{ext}`: a variant's file name is its content address. */
export const VARIANT_NAME = /^[0-9a-f]{32}-\d{1,5}\.(avif|webp|jpg)$/;

export function variantName(hash: string, width: number, format: ImageFormat): string {
  return `${hash}-${width}.${EXTENSIONS[format]}`;
}

/** The content type to serve a variant name with, or `undefined` for a name that is none. */
export function variantContentType(name: string): string | undefined {
  const match = VARIANT_NAME.exec(name);
  if (!match) return undefined;
  return { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' }[match[1]!];
}

/** Where an image's original is kept: the key the upload policy fixes. */
export function uploadKey(reviewId: string, imageId: string): string {
  return `${IMAGE_UPLOAD_PREFIX}${reviewId}/${imageId}`;
}

export type ImageStatus = 'pending' | 'ready' | 'failed';

/** One width in one format. */
export interface ImageVariant {
  width: number;
  height: number;
  format: ImageFormat;
  /** The file name under `images/` (and `/images/`). */
  name: string;
  bytes: number;
}

/** The EXIF a reader cares about; each field only when the camera recorded it. */
export interface ImageExif {
  make?: string;
  model?: string;
  lens?: string;
  /** Millimetres. */
  focalLength?: number;
  /** The f-number, e.g. 2.8. */
  aperture?: number;
  /** Exposure time as photographers write it: `1/250`, `2s`. */
  shutter?: string;
  iso?: number;
}

/** A review's photo. */
export interface ImageRecord {
  id: string;
  reviewId: string;
  /** Who created it (the review's author or an admin). */
  ownerId: string;
  status: ImageStatus;
  /** Why processing refused the file, when `failed`. */
  reason?: string;
  filename: string;
  /** As declared at creation; the job checks the real type. */
  contentType: ImageContentType;
  /** Declared size in bytes: the upload may not be larger. */
  size: number;
  alt: string;
  /** Of the original after orientation, once processed. */
  width?: number;
  height?: number;
  variants: ImageVariant[];
  exif: ImageExif;
  /** SHA-256 (hex) of the local upload token; only for the local upload route. */
  uploadTokenHash?: string;
  /** When the upload policy stops accepting the file. */
  uploadExpiresAt: string;
  createdAt: string;
  updatedAt: string;
  /** Starts at 1; each write adds one (optimistic concurrency in the stores). */
  version: number;
}

/** How long an upload policy (S3's or ours) stays valid. */
export const UPLOAD_TTL_MS = 15 * 60 * 1000;

/** Alt text: what a screen reader says instead of the photo. */
export const MAX_ALT_LENGTH = 500;

/**
 * The Markdown reference to an uploaded image: `![alt](image:IMAGE_ID)`. Any other image source
 * (another origin, a data URL) renders as a plain link, never as an `<img>`.
 */
export const IMAGE_REF_SCHEME = 'image:';

/** Image ids: `img_` and 16 hex digits, safe in keys and URLs. */
export const IMAGE_ID = /^img_[0-9a-f]{16}$/;

/** The image id a Markdown image source names, or `undefined` when it names none of ours. */
export function imageRefId(src: string): string | undefined {
  if (!src.startsWith(IMAGE_REF_SCHEME)) return undefined;
  const id = src.slice(IMAGE_REF_SCHEME.length);
  return IMAGE_ID.test(id) ? id : undefined;
}

/** The image ids a Markdown body references, in order of appearance, each once. */
export function imageRefsIn(markdown: string): string[] {
  const ids = new Set<string>();
  for (const match of markdown.matchAll(/\(\s*<?image:(img_[0-9a-f]{16})\b/g)) ids.add(match[1]!);
  return [...ids];
}

/** An image as a public document shows it: the hero of a summary, or a `<picture>` in a body. */
export interface PublicImage {
  /** The largest JPEG variant: the fallback `src`. */
  url: string;
  width: number;
  height: number;
  alt: string;
  /** Per format, `url width` pairs for `srcset`. */
  srcset: Record<ImageFormat, string>;
}

/** The public view of a ready image; `undefined` for one not ready. */
export function publicImageOf(image: ImageRecord): PublicImage | undefined {
  if (image.status !== 'ready' || image.width === undefined || image.height === undefined)
    return undefined;
  const byFormat = (format: ImageFormat) =>
    image.variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width);
  const jpegs = byFormat('jpeg');
  const largest = jpegs[jpegs.length - 1];
  if (!largest) return undefined;
  const srcset = Object.fromEntries(
    IMAGE_FORMATS.map((f) => [
      f,
      byFormat(f)
        .map((v) => `${IMAGE_URL_PREFIX}${v.name} ${v.width}w`)
        .join(', '),
    ]),
  ) as Record<ImageFormat, string>;
  return {
    url: `${IMAGE_URL_PREFIX}${largest.name}`,
    width: largest.width,
    height: largest.height,
    alt: image.alt,
    srcset,
  };
}

/**
 * The hero of a review: the first ready image by creation time (ids break ties), or none.
 */
export function heroOf(images: readonly ImageRecord[]): PublicImage | undefined {
  const ready = images
    .filter((i) => i.status === 'ready')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const image of ready) {
    const hero = publicImageOf(image);
    if (hero) return hero;
  }
  return undefined;
}

/**
 * The publish checklist's "alt text on every image" item: every photo of the review, and every
 * photo its body references, must have alt text. Alt text is required when a photo is declared
 * and a PATCH cannot empty it, so this finds something only in records written another way; a
 * body reference to a photo the review does not have (deleted, or another review's) counts as
 * an image without alt text too, since it would render as its bare Markdown alt.
 * @returns one `{field, message}` per offending image, in the body's order then the records'.
 */
export function imagesMissingAlt(
  images: readonly Pick<ImageRecord, 'id' | 'alt'>[],
  body: string,
): { field: string; message: string }[] {
  const byId = new Map(images.map((i) => [i.id, i]));
  const missing: { field: string; message: string }[] = [];
  for (const id of imageRefsIn(body))
    if (!byId.has(id))
      missing.push({ field: `body`, message: `references image ${id}, which this review lacks` });
  for (const image of images)
    if (image.alt.trim() === '')
      missing.push({ field: `images.${image.id}.alt`, message: 'alt text describing the photo' });
  return missing;
}
