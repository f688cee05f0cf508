import { crc32 } from 'node:zlib';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testUsers } from '../support/fixed-token-resolver.js';
import { expectProblem, reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let r: ReturnType<typeof reviewRequests>;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  r = reviewRequests(t);
});
afterEach(() => t.close());

interface Image {
  id: string;
  status: 'pending' | 'ready' | 'failed';
  reason?: string;
  alt: string;
  width?: number;
  height?: number;
  variants: Array<{ width: number; height: number; format: string; url: string }>;
  exif: Record<string, unknown>;
  markdown: string;
  upload?: { url: string; fields: Record<string, string> };
}

/** A tiny JPEG carrying camera EXIF and a GPS position, as a phone would write it. */
async function jpegWithGps(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'T1' },
      IFD2: {
        FNumber: '28/10',
        ExposureTime: '1/250',
        ISOSpeedRatings: '400',
        FocalLength: '35/1',
        LensModel: 'Test 35mm',
      },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2964/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 17/1 4000/100',
      },
    })
    .toBuffer();
}

async function declare(
  reviewId: string,
  body: Record<string, unknown>,
  who: 'editorA' | 'editorB' = 'editorA',
) {
  return r.send('POST', `/reviews/${reviewId}/images`, who, {
    body: { filename: 'photo.jpg', contentType: 'image/jpeg', alt: 'A red test card', ...body },
  });
}

function upload(
  target: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  type = 'image/jpeg',
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), 'photo');
  return t.app.request(target.url, { method: 'POST', body: form });
}

/** Declares, uploads and completes; returns the image after the job ran. */
async function addImage(
  reviewId: string,
  bytes: Uint8Array,
  declared: Record<string, unknown> = {},
) {
  const created = await declare(reviewId, { size: bytes.length, ...declared });
  expect(created.status, await created.clone().text()).toBe(201);
  const image = (await created.json()) as Image;
  expect(image.status).toBe('pending');
  const sent = await upload(image.upload!, bytes);
  expect(sent.status, await sent.clone().text()).toBe(204);
  const done = await r.send('POST', `/reviews/${reviewId}/images/${image.id}/complete`, 'editorA');
  expect(done.status, await done.clone().text()).toBe(202);
  const res = await r.send('GET', `/reviews/${reviewId}/images/${image.id}`, 'editorA');
  expect(res.status).toBe(200);
  return (await res.json()) as Image;
}

async function blobKeys(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const entry of t.stores.blobs.list(prefix)) keys.push(entry.key);
  return keys;
}

describe('photos', () => {
  it('processes a JPEG: variants in AVIF, WebP and JPEG, the EXIF a reader wants, no location', async () => {
    const review = await r.create('editorA');
    const image = await addImage(review.id, await jpegWithGps());
    expect(image.status).toBe('ready');
    expect([image.width, image.height]).toEqual([64, 48]);
    // Never upscaled: one width, the original's, in three formats.
    expect(image.variants.map((v) => [v.format, v.width, v.height]).sort()).toEqual([
      ['avif', 64, 48],
      ['jpeg', 64, 48],
      ['webp', 64, 48],
    ]);
    expect(image.exif).toEqual({
      make: 'TestCam',
      model: 'T1',
      lens: 'Test 35mm',
      focalLength: 35,
      aperture: 2.8,
      shutter: '1/250',
      iso: 400,
    });
    expect(JSON.stringify(image)).not.toMatch(/GPS|latitude/i);

    for (const variant of image.variants) {
      const res = await t.app.request(variant.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toBe(
        { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' }[variant.format],
      );
      const bytes = Buffer.from(await res.arrayBuffer());
      const metadata = await sharp(bytes).metadata();
      expect(metadata.width).toBe(64);
      // No EXIF at all, so no GPS; nor XMP where a location could hide.
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
    }
    // The original kept for regenerating does carry GPS: it is never served.
    const original = await t.stores.blobs.get(`uploads/${review.id}/${image.id}`);
    const tags = exifReader((await sharp(original!.bytes).metadata()).exif!);
    expect(tags.GPSInfo?.GPSLatitudeRef).toBe('N');
    expect((await t.app.request(`/images/${review.id}`)).status).toBe(404);
  });

  it('cuts the ladder below the original width, never above it', async () => {
    const review = await r.create('editorA');
    const wide = await sharp({
      create: { width: 1000, height: 10, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();
    const image = await addImage(review.id, wide, { contentType: 'image/png', filename: 'w.png' });
    expect(image.status).toBe('ready');
    expect([...new Set(image.variants.map((v) => v.width))]).toEqual([480, 960, 1000]);
  });

  it('refuses a text file declared as a JPEG: failed with a reason, nothing stored', async () => {
    const review = await r.create('editorA');
    const image = await addImage(review.id, Buffer.from('this is not a photo at all'));
    expect(image.status).toBe('failed');
    expect(image.reason).toMatch(/not an image/);
    expect(image.variants).toEqual([]);
    expect(await blobKeys('images/')).toEqual([]);
    expect(await blobKeys('uploads/')).toEqual([]);
  });

  it('refuses a PNG declared as a JPEG (the real type decides)', async () => {
    const review = await r.create('editorA');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const image = await addImage(review.id, png);
    expect(image.status).toBe('failed');
    expect(image.reason).toMatch(/image\/png, not the image\/jpeg declared/);
    expect(await blobKeys('images/')).toEqual([]);
  });

  it('refuses more than 50 megapixels before decoding', async () => {
    const review = await r.create('editorA');
    // A tiny PNG whose header claims 8,000 × 7,000 = 56 MP: what a decompression bomb looks like
    // before decoding (its header is all the check reads).
    const bomb = await sharp({ create: { width: 8, height: 7, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    bomb.writeUInt32BE(8000, 16);
    bomb.writeUInt32BE(7000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    const image = await addImage(review.id, bomb, { contentType: 'image/png' });
    expect(image.status).toBe('failed');
    expect(image.reason).toMatch(/over the limit of 50 megapixels/);
    expect(await blobKeys('images/')).toEqual([]);
  });

  it('refuses an upload over the declared size with 413, and a declaration over 25 MB with 400', async () => {
    const review = await r.create('editorA');
    const bytes = await jpegWithGps();
    const created = (await (await declare(review.id, { size: bytes.length - 1 })).json()) as Image;
    await expectProblem(await upload(created.upload!, bytes), 413, 'payload-too-large');
    expect(await blobKeys('uploads/')).toEqual([]);
    // Nothing uploaded: completing is a conflict, not a job.
    await expectProblem(
      await r.send('POST', `/reviews/${review.id}/images/${created.id}/complete`, 'editorA'),
      409,
      'conflict',
    );
    const big = await declare(review.id, { size: 25 * 1024 * 1024 + 1 });
    const problem = await expectProblem(big, 400, 'validation');
    expect(problem.errors?.map((e) => e.field)).toEqual(['size']);
    await expectProblem(
      await declare(review.id, { size: 10, contentType: 'image/gif' }),
      400,
      'validation',
    );
  });

  it('takes a photo over the general body limit: the upload route declares its own', async () => {
    await t.close();
    t = await createTestApp({
      bodyLimitBytes: 16 * 1024,
      services: (s) => ({ ...s, currentUser: testUsers }),
    });
    r = reviewRequests(t);
    const review = await r.create('editorA');
    // Noise does not compress: a photo-sized file.
    const bytes = await sharp({
      create: {
        width: 320,
        height: 240,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg()
      .toBuffer();
    expect(bytes.length).toBeGreaterThan(16 * 1024);
    expect((await addImage(review.id, bytes)).status).toBe('ready');
    // Any other operation still stops at the general limit.
    const tooBig = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
      body: { summary: 'x'.repeat(20_000) },
      headers: { 'If-Match': '"v1"' },
    });
    await expectProblem(tooBig, 413, 'payload-too-large');
  });

  it('holds the upload to its policy: token, key, type and expiry', async () => {
    const review = await r.create('editorA');
    const bytes = await jpegWithGps();
    const image = (await (await declare(review.id, { size: bytes.length })).json()) as Image;
    const target = image.upload!;
    expect(target.url).toBe(`/uploads/${review.id}/${image.id}`);
    const refused = async (fields: Record<string, string>) =>
      expectProblem(await upload({ url: target.url, fields }, bytes), 403, 'forbidden');
    await refused({ ...target.fields, token: 'guessed' });
    await refused({ ...target.fields, key: `uploads/${review.id}/other` });
    await refused({ ...target.fields, 'Content-Type': 'image/png' });
    t.clock.advance(16 * 60 * 1000);
    await refused(target.fields);
    expect(await blobKeys('uploads/')).toEqual([]);
  });

  it('is the author’s (or an admin’s): another editor gets 404', async () => {
    const review = await r.create('editorA');
    await expectProblem(await declare(review.id, { size: 10 }, 'editorB'), 404, 'not-found');
    const image = await addImage(review.id, await jpegWithGps());
    await expectProblem(
      await r.send('GET', `/reviews/${review.id}/images/${image.id}`, 'editorB'),
      404,
      'not-found',
    );
    expect((await r.send('GET', `/reviews/${review.id}/images/${image.id}`, 'admin')).status).toBe(
      200,
    );
  });

  it('lists, changes the alt text, and deletes with every file', async () => {
    const review = await r.create('editorA');
    const image = await addImage(review.id, await jpegWithGps());
    const patched = await r.send('PATCH', `/reviews/${review.id}/images/${image.id}`, 'editorA', {
      body: { alt: 'A red card, lit from the left' },
    });
    expect(((await patched.json()) as Image).alt).toBe('A red card, lit from the left');
    await expectProblem(
      await r.send('PATCH', `/reviews/${review.id}/images/${image.id}`, 'editorA', {
        body: { alt: '' },
      }),
      400,
      'validation',
    );
    const list = await r.send('GET', `/reviews/${review.id}/images`, 'editorA');
    expect(((await list.json()) as { items: Image[] }).items.map((i) => i.id)).toEqual([image.id]);

    expect(
      (await r.send('DELETE', `/reviews/${review.id}/images/${image.id}`, 'editorA')).status,
    ).toBe(204);
    expect(await blobKeys('images/')).toEqual([]);
    expect(await blobKeys('uploads/')).toEqual([]);
    expect((await t.app.request(image.variants[0]!.url)).status).toBe(404);
  });

  it('renders a draft’s preview link again when its photos change: processed, alt text, removed', async () => {
    const draft = await r.create('editorA');
    const made = await r.send('POST', `/reviews/${draft.id}/preview`, 'editorA', { body: {} });
    expect(made.status, await made.clone().text()).toBe(201);
    const link = new URL(((await made.json()) as { url: string }).url).pathname;
    const preview = async () =>
      (await (await t.app.request(link, { headers: { accept: 'application/json' } })).json()) as {
        hero?: { alt: string };
        html: string;
      };

    // Processing finished: the photo is the draft's hero in the preview (the worker rendered it
    // again; nothing renders at read time).
    const image = await addImage(draft.id, await jpegWithGps());
    await t.contentWorker.drain();
    expect((await preview()).hero?.alt).toBe('A red test card');

    const current = (await (await r.send('GET', `/reviews/${draft.id}`, 'editorA')).json()) as {
      version: number;
      body: string;
    };
    const placed = await r.send('PATCH', `/reviews/${draft.id}`, 'editorA', {
      body: { body: `${current.body}\n\n${image.markdown}` },
      headers: { 'If-Match': `"v${current.version}"` },
      contentType: 'application/merge-patch+json',
    });
    expect(placed.status, await placed.clone().text()).toBe(200);
    await t.contentWorker.drain();
    expect((await preview()).html).toContain('alt="A red test card"');

    const patched = await r.send('PATCH', `/reviews/${draft.id}/images/${image.id}`, 'editorA', {
      body: { alt: 'A red card, lit from the left' },
    });
    expect(patched.status).toBe(200);
    await t.contentWorker.drain();
    const relabelled = await preview();
    expect(relabelled.hero?.alt).toBe('A red card, lit from the left');
    expect(relabelled.html).toContain('alt="A red card, lit from the left"');

    expect(
      (await r.send('DELETE', `/reviews/${draft.id}/images/${image.id}`, 'editorA')).status,
    ).toBe(204);
    await t.contentWorker.drain();
    const without = await preview();
    expect(without.hero).toBeUndefined();
    expect(without.html).not.toContain('<img');
  });

  it('shows a published review’s hero and its pictures on /content', async () => {
    const draft = await r.create('editorA');
    const image = await addImage(draft.id, await jpegWithGps());
    const res = await r.send('PATCH', `/reviews/${draft.id}`, 'editorA', {
      body: {
        status: 'published',
        body: `${draft.body}\n\n${image.markdown}\n\n![elsewhere](https://evil.example/x.png)`,
      },
      headers: { 'If-Match': `"v${draft.version}"` },
      contentType: 'application/merge-patch+json',
    });
    expect(res.status, await res.clone().text()).toBe(200);

    const detail = (await (await t.app.request(`/content/${draft.slug}`)).json()) as {
      hero?: {
        url: string;
        width: number;
        height: number;
        alt: string;
        srcset: Record<string, string>;
      };
      html: string;
    };
    const jpeg = image.variants.find((v) => v.format === 'jpeg')!;
    expect(detail.hero).toMatchObject({
      url: jpeg.url,
      width: 64,
      height: 48,
      alt: 'A red test card',
    });
    expect(detail.html).toContain('<picture><source type="image/avif" srcset="/images/');
    expect(detail.html).toContain(
      `<img src="${jpeg.url}" srcset="${jpeg.url} 64w" width="64" height="48" alt="A red test card" loading="lazy" decoding="async" />`,
    );
    // Another origin's image is a link, never an <img>.
    expect(detail.html).toContain(
      '<a href="https://evil.example/x.png" rel="nofollow noopener noreferrer">elsewhere</a>',
    );
    expect(detail.html).not.toContain('<img src="https://');

    const list = (await (await t.app.request('/content')).json()) as {
      items: Array<{ slug: string; hero?: { url: string } }>;
    };
    expect(list.items.find((i) => i.slug === draft.slug)?.hero?.url).toBe(jpeg.url);

    // A new alt text reaches the published document.
    await r.send('PATCH', `/reviews/${draft.id}/images/${image.id}`, 'editorA', {
      body: { alt: 'Renamed' },
    });
    const again = (await (await t.app.request(`/content/${draft.slug}`)).json()) as {
      hero?: { alt: string };
    };
    expect(again.hero?.alt).toBe('Renamed');
  });
});
