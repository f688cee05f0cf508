import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.js';
import type { BlobStore } from '../../src/ports/blob-store.js';
import { blobStoreFactories } from '../support/blob-store-factories.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);
const json = { contentType: 'application/json' };

async function keysOf(store: BlobStore, prefix: string) {
  const listed: Array<{ key: string; size: number }> = [];
  for await (const entry of store.list(prefix)) listed.push(entry);
  return listed;
}

describe.each(blobStoreFactories)('BlobStore contract: $name', (factory) => {
  it('round-trips bytes with their content type, cache control and metadata', async () => {
    const store = await factory.create();
    const before = Date.now();
    const put = await store.put('reviews/abc/detail.json', bytes('{"a":1}'), {
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'public, max-age=60',
      metadata: { 'review-id': 'abc', version: '3' },
    });
    expect(put.etag).toMatch(/^".+"$/);
    const got = await store.get('reviews/abc/detail.json');
    expect(got).toBeDefined();
    expect(text(got!.bytes)).toBe('{"a":1}');
    expect(got).toMatchObject({
      key: 'reviews/abc/detail.json',
      size: 7,
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'public, max-age=60',
      etag: put.etag,
      metadata: { 'review-id': 'abc', version: '3' },
    });
    // S3 keeps whole seconds.
    expect(got!.lastModified.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(got!.lastModified.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const { bytes: _bytes, ...head } = got!;
    expect(await store.head('reviews/abc/detail.json')).toEqual(head);
  });

  it('leaves cache control undefined and metadata empty when not given', async () => {
    const store = await factory.create();
    await store.put('plain', bytes('x'), { contentType: 'text/plain' });
    const head = await store.head('plain');
    expect(head?.cacheControl).toBeUndefined();
    expect(head?.metadata).toEqual({});
  });

  it('keeps arbitrary binary and empty objects exactly', async () => {
    const store = await factory.create();
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    await store.put('bin/all-bytes', all, { contentType: 'application/octet-stream' });
    await store.put('bin/empty', new Uint8Array(), { contentType: 'application/octet-stream' });
    expect([...(await store.get('bin/all-bytes'))!.bytes]).toEqual([...all]);
    const empty = await store.get('bin/empty');
    expect(empty?.bytes.byteLength).toBe(0);
    expect(empty?.size).toBe(0);
  });

  it('answers undefined for a missing object, on get and head', async () => {
    const store = await factory.create();
    expect(await store.get('missing/key.json')).toBeUndefined();
    expect(await store.head('missing/key.json')).toBeUndefined();
  });

  it('replaces an object on put, with a new ETag for new bytes', async () => {
    const store = await factory.create();
    const first = await store.put('pointer.json', bytes('{"v":1}'), json);
    const second = await store.put('pointer.json', bytes('{"v":2}'), {
      contentType: 'application/json',
      metadata: { generation: '2' },
    });
    expect(second.etag).not.toBe(first.etag);
    const got = await store.get('pointer.json');
    expect(text(got!.bytes)).toBe('{"v":2}');
    expect(got!.etag).toBe(second.etag);
    expect(got!.metadata).toEqual({ generation: '2' });
  });

  it('deletes, and deleting a missing object succeeds', async () => {
    const store = await factory.create();
    await store.put('gone.json', bytes('{}'), json);
    await store.delete('gone.json');
    expect(await store.get('gone.json')).toBeUndefined();
    await expect(store.delete('gone.json')).resolves.toBeUndefined();
    await expect(store.delete('never/was.json')).resolves.toBeUndefined();
  });

  it('keeps a key and the keys under it apart, and keys differing only in case', async () => {
    const store = await factory.create();
    await store.put('a', bytes('file a'), json);
    await store.put('a/b', bytes('file a/b'), json);
    await store.put('Readme', bytes('upper'), json);
    await store.put('readme', bytes('lower'), json);
    expect(text((await store.get('a'))!.bytes)).toBe('file a');
    expect(text((await store.get('a/b'))!.bytes)).toBe('file a/b');
    expect(text((await store.get('Readme'))!.bytes)).toBe('upper');
    expect(text((await store.get('readme'))!.bytes)).toBe('lower');
  });

  it('takes Unicode keys', async () => {
    const store = await factory.create();
    await store.put('cámara/α7 IV.json', bytes('{"ok":true}'), json);
    expect(text((await store.get('cámara/α7 IV.json'))!.bytes)).toBe('{"ok":true}');
    expect(await keysOf(store, 'cámara/')).toEqual([{ key: 'cámara/α7 IV.json', size: 11 }]);
  });

  it('lists keys under a prefix with their sizes, sorted', async () => {
    const store = await factory.create();
    for (const key of ['index/b', 'index/a/2', 'index/a/1', 'index/é', 'index/z', 'other'])
      await store.put(key, bytes(key), json);
    expect(await keysOf(store, 'index/')).toEqual([
      { key: 'index/a/1', size: 9 },
      { key: 'index/a/2', size: 9 },
      { key: 'index/b', size: 7 },
      { key: 'index/z', size: 7 },
      { key: 'index/é', size: 8 },
    ]);
    expect((await keysOf(store, 'index/a')).map((e) => e.key)).toEqual(['index/a/1', 'index/a/2']);
    expect((await keysOf(store, '')).length).toBe(6);
    expect(await keysOf(store, 'nothing/')).toEqual([]);
  });

  it.skipIf(factory.cannotShow?.byteOrder)(
    'lists across folders in UTF-8 byte order, as S3 does',
    async () => {
      const store = await factory.create();
      for (const key of ['index/a', 'index-old', 'index.json', 'index'])
        await store.put(key, bytes(key), json);
      expect((await keysOf(store, 'index')).map((e) => e.key)).toEqual([
        'index',
        'index-old',
        'index.json',
        'index/a',
      ]);
    },
  );

  it.skipIf(factory.cannotShow?.paging)('lists past one page', async () => {
    const store = await factory.create({ pageSize: 2 });
    const keys = Array.from({ length: 7 }, (_, i) => `paged/${String(i).padStart(2, '0')}`);
    for (const key of keys) await store.put(key, bytes('x'), json);
    expect((await keysOf(store, 'paged/')).map((e) => e.key)).toEqual(keys);
  });

  it('refuses keys that could escape or that S3 would not take, before storing anything', async () => {
    const store = await factory.create();
    for (const key of [
      '',
      '/abs',
      '../up',
      'a/../../b',
      'a//b',
      'a/',
      'ctl\u0001',
      'x'.repeat(1025),
    ]) {
      await expect(store.put(key, bytes('x'), json), key).rejects.toBeInstanceOf(ValidationError);
      await expect(store.get(key), key).rejects.toBeInstanceOf(ValidationError);
      await expect(store.head(key), key).rejects.toBeInstanceOf(ValidationError);
      await expect(store.delete(key), key).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(keysOf(store, '../')).rejects.toBeInstanceOf(ValidationError);
    expect(await keysOf(store, '')).toEqual([]);
  });

  it('refuses metadata S3 would change', async () => {
    const store = await factory.create();
    await expect(
      store.put('m', bytes('x'), { contentType: 'text/plain', metadata: { Upper: 'x' } }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      store.put('m', bytes('x'), { contentType: 'text/plain', metadata: { note: 'café' } }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await store.head('m')).toBeUndefined();
  });

  it.skipIf(factory.cannotShow?.concurrentReplace)(
    'never lets a reader see a partial object while puts replace it',
    async () => {
      const store = await factory.create();
      const size = 256 * 1024;
      const versions = [1, 2].map((v) => new Uint8Array(size).fill(v));
      const etags = new Map<string, number>();
      etags.set((await store.put('hot.bin', versions[0]!, json)).etag, 1);
      let writing = true;
      const writer = (async () => {
        for (let i = 0; i < 12; i += 1) {
          const v = (i % 2) + 1;
          etags.set((await store.put('hot.bin', versions[v - 1]!, json)).etag, v);
        }
        writing = false;
      })();
      let reads = 0;
      while (writing || reads < 3) {
        const got = await store.get('hot.bin');
        expect(got).toBeDefined();
        expect(got!.bytes.byteLength).toBe(size);
        const value = got!.bytes[0]!;
        expect(got!.bytes.every((b) => b === value)).toBe(true);
        expect(got!.size).toBe(size);
        reads += 1;
      }
      await writer;
      // Each version's bytes always carried that version's ETag.
      expect(new Set(etags.values())).toEqual(new Set([1, 2]));
    },
  );
});
