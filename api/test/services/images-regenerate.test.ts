import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { uploadKey, type ImageRecord } from '../../src/domain/image.js';
import { systemClock } from '../../src/ports/clock.js';
import { createContentPipeline } from '../../src/services/content-pipeline/content-pipeline.js';
import { createJobWorker } from '../../src/services/job-worker.js';
import { imageProcessJob } from '../../src/services/images/image-jobs.js';
import { regenerateImages } from '../../src/services/images/regenerate-images.js';
import { createCapturingLogger } from '../support/silent-logger.js';

async function run(stores: ReturnType<typeof createMemoryStores>, ladder: number[]) {
  const pipeline = createContentPipeline({ ...stores, clock: systemClock, imageLadder: ladder });
  const worker = createJobWorker({
    consumer: stores.jobConsumer!,
    handlers: pipeline.handlers,
    logger: createCapturingLogger(),
  });
  while ((await worker.runOnce()) > 0);
}

describe('regenerating photos after the ladder changed', () => {
  it('cuts the new widths under new names and deletes the old files', async () => {
    const stores = createMemoryStores();
    const bytes = await sharp({
      create: { width: 1000, height: 500, channels: 3, background: '#246' },
    })
      .jpeg()
      .toBuffer();
    const record: ImageRecord = {
      id: 'img_00000000000000aa',
      reviewId: 'rev_1',
      ownerId: 'usr_a',
      status: 'pending',
      filename: 'a.jpg',
      contentType: 'image/jpeg',
      size: bytes.length,
      alt: 'A blue card',
      variants: [],
      exif: {},
      uploadExpiresAt: '2030-01-01T00:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
    };
    await stores.images.put(record);
    await stores.blobs.put(uploadKey('rev_1', record.id), bytes, { contentType: 'image/jpeg' });
    await stores.jobs.enqueue(imageProcessJob('rev_1', record.id));
    await run(stores, [480, 960]);
    const first = (await stores.images.get('rev_1', record.id))!;
    expect([...new Set(first.variants.map((v) => v.width))]).toEqual([480, 960]);

    expect(await regenerateImages(stores)).toBe(1);
    await run(stores, [300, 600]);
    const second = (await stores.images.get('rev_1', record.id))!;
    expect(second.status).toBe('ready');
    expect([...new Set(second.variants.map((v) => v.width))]).toEqual([300, 600]);
    const files: string[] = [];
    for await (const entry of stores.blobs.list('images/')) files.push(entry.key);
    expect(files.sort()).toEqual(second.variants.map((v) => `images/${v.name}`).sort());
  });
});
