// Model-based test of the editors' API: random sequences of create, PATCH, PUT, publish,
// unpublish and delete, with fresh and stale If-Match, run against the real app and against a
// small in-memory model. After every command the public /content must list exactly the model's
// published reviews, and a stale If-Match must get 412 and change nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Review } from '../../src/domain/review.js';
import { createAccountsHarness, type AccountsHarness } from '../support/accounts.js';
import { readAllContent, waitForContent } from '../support/content-sync.js';
import { reviewInput } from '../support/review-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Fixed, so a failure reproduces; `MODEL_SEED` explores others. */
const SEED = Number(process.env.MODEL_SEED ?? 4_242);
const RUNS = 20;
const MAX_COMMANDS = 20;

interface ModelReview {
  id: string;
  slug: string;
  title: string;
  rating: number;
  status: 'draft' | 'published';
  version: number;
  /** Once published, the slug is claimed and fixed; a draft's slug is only a candidate. */
  everPublished: boolean;
}

/** The model: what an editor has written, in creation order. */
interface Model {
  reviews: ModelReview[];
}

/** The system under test: the app, a signed-in editor, and the last answer for each review. */
interface Real {
  t: TestApp;
  h: AccountsHarness;
  token: string;
  last: Map<string, Review>;
}

type Freshness = 'fresh' | 'stale';

// Few distinct titles, so that generated slugs collide and their numbering is exercised.
const title = fc
  .tuple(
    fc.constantFrom('Fujifilm X100VI', 'Sony A7 IV', 'Nikon Z6 III'),
    fc.constantFrom('', ' revisited', ' after a year'),
  )
  .map(([camera, tail]) => `${camera} review${tail}`);
const rating = fc.integer({ min: 0, max: 100 }).map((n) => n / 10);
const freshness = fc.constantFrom<Freshness>('fresh', 'stale');

function send(real: Real, method: string, path: string, body?: unknown, headers = {}) {
  return real.h.send(method, path, {
    token: real.token,
    ...(body !== undefined ? { body } : {}),
    headers,
  });
}

const ifMatch = (r: ModelReview, f: Freshness) => ({
  // Stale: a version this review had before, or never had.
  'if-match': `"v${f === 'fresh' ? r.version : r.version > 1 ? r.version - 1 : r.version + 7}"`,
});

/** The review a pick refers to: picks are indexes into whatever the model holds by then. */
const picked = (m: Model, pick: number) => m.reviews[pick % m.reviews.length]!;

/** A stale write: 412, and the review exactly as it was. */
async function expectUnchangedAfterStale(real: Real, r: ModelReview, res: Response) {
  expect(res.status, await res.clone().text()).toBe(412);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const now = await send(real, 'GET', `/reviews/${r.id}`);
  expect(now.status).toBe(200);
  expect(await now.json()).toEqual(real.last.get(r.id));
}

function accept(m: Model, real: Real, r: ModelReview, review: Review) {
  expect(review.version).toBe(r.version + 1);
  Object.assign(r, {
    title: review.title,
    rating: review.rating,
    status: review.status,
    version: review.version,
    slug: review.slug,
    everPublished: r.everPublished || review.status === 'published',
  });
  real.last.set(r.id, review);
  void m;
}

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly title: string,
    readonly rating: number,
    readonly status: 'draft' | 'published',
  ) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const res = await send(
      real,
      'POST',
      '/reviews',
      reviewInput({ title: this.title, rating: this.rating, status: this.status }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const review = (await res.json()) as Review;
    expect(review).toMatchObject({ title: this.title, rating: this.rating, version: 1 });
    // A draft claims no slug (two drafts may share one); a published review's is its own.
    if (this.status === 'published') {
      expect(m.reviews.filter((r) => r.everPublished).map((r) => r.slug)).not.toContain(
        review.slug,
      );
    }
    m.reviews.push({
      id: review.id,
      slug: review.slug,
      title: this.title,
      rating: this.rating,
      status: this.status,
      version: 1,
      everPublished: this.status === 'published',
    });
    real.last.set(review.id, review);
  }
  toString = () => `create(${JSON.stringify(this.title)}, ${this.rating}, ${this.status})`;
}

/** PATCH of the title and/or rating, or of the status alone (publish / unpublish). */
class Patch implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly patch: { title?: string; rating?: number; status?: 'draft' | 'published' },
    readonly freshness: Freshness,
    readonly label = 'patch',
  ) {}
  check = (m: Readonly<Model>) => m.reviews.length > 0;
  async run(m: Model, real: Real) {
    const r = picked(m, this.pick);
    const res = await send(real, 'PATCH', `/reviews/${r.id}`, this.patch, {
      ...ifMatch(r, this.freshness),
      'content-type': 'application/merge-patch+json',
    });
    if (this.freshness === 'stale') return expectUnchangedAfterStale(real, r, res);
    expect(res.status, await res.clone().text()).toBe(200);
    const review = (await res.json()) as Review;
    expect(review).toMatchObject(this.patch);
    accept(m, real, r, review);
  }
  toString = () => `${this.label}(#${this.pick}, ${JSON.stringify(this.patch)}, ${this.freshness})`;
}

/** PUT of a whole review: new title and rating, the status given. */
class Put implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly title: string,
    readonly rating: number,
    readonly status: 'draft' | 'published',
    readonly freshness: Freshness,
  ) {}
  check = (m: Readonly<Model>) => m.reviews.length > 0;
  async run(m: Model, real: Real) {
    const r = picked(m, this.pick);
    const body = reviewInput({ title: this.title, rating: this.rating, status: this.status });
    const res = await send(real, 'PUT', `/reviews/${r.id}`, body, ifMatch(r, this.freshness));
    if (this.freshness === 'stale') return expectUnchangedAfterStale(real, r, res);
    expect(res.status, await res.clone().text()).toBe(200);
    const review = (await res.json()) as Review;
    expect(review).toMatchObject({ title: this.title, rating: this.rating, status: this.status });
    // A slug is kept when the body leaves it out, once claimed by a publication.
    if (r.everPublished) expect(review.slug).toBe(r.slug);
    accept(m, real, r, review);
  }
  toString = () =>
    `put(#${this.pick}, ${JSON.stringify(this.title)}, ${this.rating}, ${this.status}, ${this.freshness})`;
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly freshness: Freshness,
  ) {}
  check = (m: Readonly<Model>) => m.reviews.length > 0;
  async run(m: Model, real: Real) {
    const r = picked(m, this.pick);
    const res = await send(
      real,
      'DELETE',
      `/reviews/${r.id}`,
      undefined,
      ifMatch(r, this.freshness),
    );
    if (this.freshness === 'stale') return expectUnchangedAfterStale(real, r, res);
    expect(res.status, await res.clone().text()).toBe(204);
    m.reviews.splice(m.reviews.indexOf(r), 1);
    real.last.delete(r.id);
    expect((await send(real, 'GET', `/reviews/${r.id}`)).status).toBe(404);
  }
  toString = () => `delete(#${this.pick}, ${this.freshness})`;
}

/** Wraps every command: after it, /content must be the model's published set, in any order. */
class Checked implements fc.AsyncCommand<Model, Real> {
  constructor(readonly inner: fc.AsyncCommand<Model, Real>) {}
  check = (m: Readonly<Model>) => this.inner.check(m);
  async run(m: Model, real: Real) {
    await this.inner.run(m, real);
    await waitForContent(real.t);
    const listed = (await readAllContent(real.t)).map(({ slug, title, rating }) => ({
      slug,
      title,
      rating,
    }));
    const expected = m.reviews
      .filter((r) => r.status === 'published')
      .map(({ slug, title, rating }) => ({ slug, title, rating }));
    const bySlug = (a: { slug: string }, b: { slug: string }) => a.slug.localeCompare(b.slug);
    expect(listed.sort(bySlug), `after ${this.inner.toString()}`).toEqual(expected.sort(bySlug));
    // Each review's own page: there when published, 404 otherwise (drafts never leak).
    const claimed = m.reviews.filter((r) => r.everPublished).map((r) => r.slug);
    expect(new Set(claimed).size, 'claimed slugs are unique').toBe(claimed.length);
    for (const r of m.reviews) {
      // A draft's candidate slug may be one another review has since published.
      const claimedByOther = m.reviews.some((o) => o !== r && o.everPublished && o.slug === r.slug);
      if (r.status === 'draft' && claimedByOther) continue;
      const res = await real.t.app.request(`/content/${r.slug}`);
      if (r.status === 'published') {
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ slug: r.slug, title: r.title, rating: r.rating });
      } else {
        expect(res.status, `draft ${r.slug} after ${this.inner.toString()}`).toBe(404);
      }
    }
  }
  toString = () => this.inner.toString();
}

const commands = [
  fc
    .tuple(title, rating, fc.constantFrom<'draft' | 'published'>('draft', 'published'))
    .map(([t, r, s]) => new Create(t, r, s)),
  fc
    .tuple(fc.nat(), fc.record({ title, rating }, { requiredKeys: [] }), freshness)
    .filter(([, patch]) => Object.keys(patch).length > 0)
    .map(([pick, patch, f]) => new Patch(pick, patch, f)),
  fc
    .tuple(
      fc.nat(),
      title,
      rating,
      fc.constantFrom<'draft' | 'published'>('draft', 'published'),
      freshness,
    )
    .map(([pick, t, r, s, f]) => new Put(pick, t, r, s, f)),
  fc
    .tuple(fc.nat(), freshness)
    .map(([pick, f]) => new Patch(pick, { status: 'published' }, f, 'publish')),
  fc
    .tuple(fc.nat(), freshness)
    .map(([pick, f]) => new Patch(pick, { status: 'draft' }, f, 'unpublish')),
  fc.tuple(fc.nat(), freshness).map(([pick, f]) => new Delete(pick, f)),
].map((arb) => arb.map((command) => new Checked(command)));

describe('the editors’ API against a model', () => {
  it('keeps /content equal to the model’s published reviews through any sequence of writes', async () => {
    let sequences = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: MAX_COMMANDS }), async (cmds) => {
        sequences += 1;
        const t = await createTestApp();
        try {
          const h = createAccountsHarness(t);
          const editor = await h.createUser('editor');
          const token = (await h.login(editor.email, editor.password)).accessToken;
          await fc.asyncModelRun(
            () => ({ model: { reviews: [] }, real: { t, h, token, last: new Map() } }),
            cmds,
          );
        } finally {
          await t.close();
        }
      }),
      { seed: SEED, numRuns: RUNS, includeErrorInReport: true },
    );
    expect(sequences).toBeGreaterThanOrEqual(RUNS);
  });
});
