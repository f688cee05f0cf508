import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  assertBlobKey,
  assertBlobMetadata,
  assertBlobPrefix,
  compareBlobKeys,
} from '../../domain/blob-key.js';
import { DomainError, UnavailableError, ValidationError } from '../../domain/errors.js';
import type { BlobHead, BlobListEntry, BlobStore } from '../../ports/blob-store.js';
import { blobEtag } from '../blob-etag.js';

/**
 * One object is one file, so that a put is one `rename` and therefore atomic: the file starts with
 * `MAGIC`, a 4-byte big-endian header length and a JSON header (content type, cache control,
 * metadata, ETag), then the bytes. A sidecar metadata file would need two renames, and a reader
 * between them would pair new bytes with old metadata.
 */
const MAGIC = Buffer.from('SHB1');
const PREFIX_BYTES = MAGIC.length + 4;

/** Object files end with `~`, which no encoded segment contains, so they never clash with folders. */
const OBJECT_SUFFIX = '~';
const NAME_MAX = 255;

interface Header {
  contentType: string;
  cacheControl?: string;
  metadata: Record<string, string>;
  etag: string;
}

/** Errors that mean "the disk cannot serve now", not "this request is wrong". */
const UNAVAILABLE = new Set([
  'ENOSPC',
  'EDQUOT',
  'EIO',
  'EROFS',
  'EACCES',
  'EPERM',
  'EMFILE',
  'ENFILE',
  'EAGAIN',
  'EBUSY',
]);

/**
 * The blob store for the local server: objects as files under `rootDir` (e.g. `<data dir>/blobs`).
 *
 * A key's segments become folders and a file, each segment percent-encoded (with `~` and upper-case
 * letters encoded too, so that keys differing only in case stay apart on case-insensitive disks
 * such as macOS's) and the file name suffixed with `~`; so `a` and `a/b` can both exist. A segment
 * whose encoded name exceeds 255 bytes is refused with a `ValidationError`.
 *
 * `put` writes a temporary file in the target folder, fsyncs it, renames it over the object and
 * fsyncs the folder: a reader sees the old object or the new one, and a crash leaves one of them
 * (plus, at worst, a stray temporary file, which listings ignore). Empty folders are left behind
 * by `delete`, since removing them would race with a concurrent `put` into them.
 */
export function createFsBlobStore(rootDir: string): BlobStore {
  const pathOf = (key: string) => {
    const segments = key.split('/').map(encodeSegment);
    const file = `${segments.pop()!}${OBJECT_SUFFIX}`;
    if ([...segments, file].some((name) => Buffer.byteLength(name) > NAME_MAX))
      throw new ValidationError('Invalid blob key: a segment is too long for the file store', [
        { field: 'key', message: 'each segment must encode to at most 255 bytes' },
      ]);
    const dir = join(rootDir, ...segments);
    return { dir, file: join(dir, file) };
  };

  async function readObject(key: string, withBytes: boolean) {
    assertBlobKey(key);
    const { file } = pathOf(key);
    const handle = await open(file, 'r').catch((error: unknown) => {
      if (isCode(error, 'ENOENT')) return undefined;
      throw translateFsError(error);
    });
    if (!handle) return undefined;
    try {
      // Size and time come from the open file, so they match the bytes even if a put renames a
      // new object over the name meanwhile.
      const stat = await handle.stat();
      const prefix = Buffer.alloc(PREFIX_BYTES);
      await handle.read(prefix, 0, PREFIX_BYTES, 0);
      if (!prefix.subarray(0, MAGIC.length).equals(MAGIC)) throw damaged(key);
      const headerLength = prefix.readUInt32BE(MAGIC.length);
      const headerBytes = Buffer.alloc(headerLength);
      await handle.read(headerBytes, 0, headerLength, PREFIX_BYTES);
      let header: Header;
      try {
        header = JSON.parse(headerBytes.toString('utf8')) as Header;
      } catch {
        throw damaged(key);
      }
      const start = PREFIX_BYTES + headerLength;
      const size = stat.size - start;
      const head: BlobHead = {
        key,
        size,
        contentType: header.contentType,
        cacheControl: header.cacheControl,
        etag: header.etag,
        metadata: header.metadata,
        lastModified: stat.mtime,
      };
      if (!withBytes) return { head, bytes: undefined };
      const bytes = new Uint8Array(size);
      await handle.read(bytes, 0, size, start);
      return { head, bytes };
    } catch (error) {
      throw translateFsError(error);
    } finally {
      await handle.close();
    }
  }

  return {
    async put(key, bytes, options) {
      assertBlobKey(key);
      assertBlobMetadata(options.metadata ?? {});
      const { dir, file } = pathOf(key);
      const etag = blobEtag(bytes);
      const header: Header = {
        contentType: options.contentType,
        ...(options.cacheControl !== undefined ? { cacheControl: options.cacheControl } : {}),
        metadata: { ...options.metadata },
        etag,
      };
      const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
      const prefix = Buffer.alloc(PREFIX_BYTES);
      MAGIC.copy(prefix);
      prefix.writeUInt32BE(headerBytes.length, MAGIC.length);
      const temp = join(dir, `.${OBJECT_SUFFIX}tmp-${randomUUID()}`);
      try {
        await mkdir(dir, { recursive: true });
        const handle = await open(temp, 'wx');
        try {
          await handle.writev([prefix, headerBytes, bytes]);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, file);
        await syncDir(dir);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw translateFsError(error);
      }
      return { etag };
    },

    async get(key) {
      const read = await readObject(key, true);
      return read && { ...read.head, bytes: read.bytes! };
    },

    async head(key) {
      return (await readObject(key, false))?.head;
    },

    async delete(key) {
      assertBlobKey(key);
      try {
        await unlink(pathOf(key).file);
      } catch (error) {
        if (!isCode(error, 'ENOENT')) throw translateFsError(error);
      }
    },

    async *list(prefix) {
      assertBlobPrefix(prefix);
      // Only the folders the prefix's complete segments name can hold matching keys.
      const folders = prefix.split('/').slice(0, -1);
      const start = join(rootDir, ...folders.map(encodeSegment));
      const found: BlobListEntry[] = [];
      try {
        await walk(start, folders, prefix, found);
      } catch (error) {
        throw translateFsError(error);
      }
      // Folder order is not key order (`a-b` sorts before `a/b`), so sort the whole listing.
      found.sort((a, b) => compareBlobKeys(a.key, b.key));
      yield* found;
    },
  };
}

async function walk(
  dir: string,
  segments: string[],
  prefix: string,
  found: BlobListEntry[],
): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isCode(error, 'ENOENT')) return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const segment = decodeSegment(entry.name);
      if (segment === undefined) continue;
      const key = [...segments, segment].join('/');
      // Skip folders that cannot hold a match: neither inside the prefix nor on the way to it.
      if (key.startsWith(prefix) || prefix.startsWith(`${key}/`))
        await walk(path, [...segments, segment], prefix, found);
    } else if (entry.isFile() && entry.name.endsWith(OBJECT_SUFFIX)) {
      const segment = decodeSegment(entry.name.slice(0, -OBJECT_SUFFIX.length));
      if (segment === undefined) continue; // e.g. a temporary file
      const key = [...segments, segment].join('/');
      if (!key.startsWith(prefix)) continue;
      const handle = await open(path, 'r').catch(() => undefined);
      if (!handle) continue; // deleted while listing
      try {
        const stat = await handle.stat();
        const header = Buffer.alloc(PREFIX_BYTES);
        await handle.read(header, 0, PREFIX_BYTES, 0);
        found.push({ key, size: stat.size - PREFIX_BYTES - header.readUInt32BE(MAGIC.length) });
      } finally {
        await handle.close();
      }
    }
  }
}

/** Percent-encodes a key segment for a file name: `~` and upper-case letters too (see above). */
function encodeSegment(segment: string): string {
  let name = '';
  for (const char of segment) {
    name += /[~A-Z]/.test(char)
      ? `%${char.charCodeAt(0).toString(16).toUpperCase()}`
      : encodeURIComponent(char);
  }
  return name;
}

/** The segment a file or folder name encodes, or `undefined` for a name this store never writes. */
function decodeSegment(name: string): string | undefined {
  try {
    const segment = decodeURIComponent(name);
    return encodeSegment(segment) === name ? segment : undefined;
  } catch {
    return undefined;
  }
}

/** Makes a rename durable: the new directory entry reaches the disk, not just the file's bytes. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}

function damaged(key: string): UnavailableError {
  return new UnavailableError(`Storage is unavailable: the blob file for ${key} is damaged`, 60);
}

function translateFsError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE.has(code))
    return new UnavailableError(`Storage is unavailable: the blob store failed (${code})`, 30, {
      cause: error,
    });
  return error;
}
