import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import { tempDataDir } from '../../../test/support/server-process.js';
import { createFsBlobStore } from './fs-blob-store.js';

const json = { contentType: 'application/json' };
const bytes = (text: string) => new TextEncoder().encode(text);

describe('filesystem blob store', () => {
  it('ignores what a put killed before its rename leaves behind', async () => {
    const root = tempDataDir('shutter-blobs-');
    const store = createFsBlobStore(root);
    await store.put('index/current.json', bytes('{"v":1}'), json);
    // A temporary file as a crash between write and rename would leave it.
    writeFileSync(join(root, 'index', '.~tmp-crashed'), 'partial');
    expect(new TextDecoder().decode((await store.get('index/current.json'))!.bytes)).toBe(
      '{"v":1}',
    );
    const listed = [];
    for await (const entry of store.list('')) listed.push(entry.key);
    expect(listed).toEqual(['index/current.json']);
  });

  it('leaves no temporary file after a put', async () => {
    const root = tempDataDir('shutter-blobs-');
    const store = createFsBlobStore(root);
    await store.put('a/b.json', bytes('{}'), json);
    await store.put('a/b.json', bytes('{"x":1}'), json);
    expect(readdirSync(join(root, 'a'))).toEqual(['b.json~']);
  });

  it('refuses a segment too long for a file name', async () => {
    const store = createFsBlobStore(tempDataDir('shutter-blobs-'));
    await expect(store.put(`a/${'é'.repeat(60)}`, bytes('x'), json)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
