import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../domain/errors.js';
import type { Review } from '../../domain/review.js';
import { DEMO_REVIEWS } from '../../services/demo-review-data.js';
import { openDatabase, type SqliteDatabase } from './open-database.js';
import { createSqliteApiKeyStore } from './sqlite-api-key-store.js';
import { createSqliteCounterStore } from './sqlite-counter-store.js';
import { createSqliteReviewStore } from './sqlite-review-store.js';
import { createSqliteUserStore } from './sqlite-user-store.js';

/*
 * Every write must either be stored or throw UnavailableError: never hand back a result for a
 * change the database did not keep. Each store's writes are run against a database that cannot
 * be written (read-only, full) and the state is read back afterwards.
 */

const AT = '2026-11-30T12:00:00.000Z';

function stores(db: SqliteDatabase) {
  return {
    keys: createSqliteApiKeyStore(db),
    users: createSqliteUserStore(db),
    reviews: createSqliteReviewStore(db),
    counters: createSqliteCounterStore(db),
  };
}

async function seed(db: SqliteDatabase): Promise<Review> {
  const s = stores(db);
  await s.keys.create({
    id: 'key_1',
    name: 'k',
    hash: 'h'.repeat(64),
    prefix: 'shk_abc',
    scope: ['default'],
    rateLimit: { perSecond: 20, burst: 60 },
    createdAt: AT,
    revokedAt: null,
    lastUsedAt: null,
  });
  await s.users.create({
    id: 'usr_1',
    email: 'ed@example.com',
    name: 'Ed',
    role: 'editor',
    status: 'active',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
    tokenVersion: 0,
    createdAt: AT,
    updatedAt: AT,
    lastLoginAt: null,
  });
  const review: Review = {
    ...DEMO_REVIEWS[0]!,
    id: 'rev_1',
    slug: 'first-review',
    status: 'published',
    authorId: 'usr_1',
    createdAt: AT,
    updatedAt: AT,
    publishedAt: AT,
    version: 1,
    publishAt: null,
    scheduleError: null,
    slugHistory: [],
  };
  await s.reviews.claimSlug(review.slug, review.id);
  await s.reviews.create(review);
  await s.counters.recordVisit({
    counterId: 'default',
    day: '2026-11-30',
    visitorHash: 'v1',
    at: new Date(AT),
    expiresAt: new Date('2026-12-01T00:00:00Z'),
  });
  return review;
}

/** Runs every kind of write the stores have, expecting each to be refused as unavailable. */
async function expectEveryWriteRefused(db: SqliteDatabase, review: Review): Promise<void> {
  const s = stores(db);
  const refused = async (write: () => Promise<unknown>) =>
    expect(write()).rejects.toBeInstanceOf(UnavailableError);
  await refused(() => s.keys.revoke('key_1', AT));
  await refused(() => s.users.update('usr_1', { role: 'admin', updatedAt: AT }));
  await refused(() => s.users.recordLoginFailure('login:1', AT, AT));
  await refused(() => s.reviews.claimSlug('another-slug', 'rev_2'));
  await refused(() => s.reviews.update({ ...review, title: 'Changed', version: 2 }, 1));
  await refused(() =>
    s.counters.recordVisit({
      counterId: 'default',
      day: '2026-11-30',
      visitorHash: 'v2',
      at: new Date(AT),
      expiresAt: new Date('2026-12-01T00:00:00Z'),
    }),
  );
}

/** What a reader sees afterwards: none of the refused writes. */
async function expectNothingStored(db: SqliteDatabase): Promise<void> {
  const s = stores(db);
  expect((await s.keys.get('key_1'))!.revokedAt).toBeNull();
  expect((await s.users.get('usr_1'))!.role).toBe('editor');
  expect(await s.users.getLoginFailures('login:1')).toBeUndefined();
  expect((await s.reviews.get('rev_1'))!.title).not.toBe('Changed');
  expect((await s.counters.getCounter('default', ['2026-11-30']))!.count).toBe(1);
}

describe('SQLite stores on a read-only database', () => {
  it('refuse every write as unavailable and keep serving reads', async () => {
    const db = openDatabase({ filename: ':memory:' });
    const review = await seed(db);
    // What a file system turned read-only does to SQLite's writes, injected: Linux will not
    // remount read-only a file system that has files open for writing.
    db.pragma('query_only = ON');
    await expectEveryWriteRefused(db, review);
    await expectNothingStored(db);
  });
});

function tryMountTmpfs(sizeKb: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'shutter-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

const mountPoint = tryMountTmpfs(2048);
if (!mountPoint && process.env.CI) {
  throw new Error('CI runs as root and must be able to mount a tmpfs for the full-disk test');
}
afterAll(() => {
  if (mountPoint) {
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

describe.skipIf(!mountPoint)('SQLite stores on a full disk', () => {
  it('refuse every write as unavailable — including writes that return rows — and store none', async () => {
    const filename = join(mountPoint!, 'shutter.db');
    const db = openDatabase({ filename });
    const review = await seed(db);
    // Make the next writes need fresh pages: big enough that the WAL must grow.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const filler = join(mountPoint!, 'filler');
    const fd = openSync(filler, 'w');
    try {
      for (const size of [1 << 16, 1 << 12, 1 << 9]) {
        const chunk = Buffer.alloc(size, 1);
        for (;;) {
          try {
            writeSync(fd, chunk);
          } catch {
            break;
          }
        }
      }
    } finally {
      closeSync(fd);
    }
    try {
      await expectEveryWriteRefused(db, review);
      await expectNothingStored(db);
    } finally {
      unlinkSync(filler);
      db.close();
    }
  });
});
