import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentPage } from '../../src/services/content-index/content-types.js';
import { testUsers } from '../support/fixed-token-resolver.js';
import { publishableBody, type reviewInput } from '../support/review-fixtures.js';
import { expectProblem, reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * Search as readers meet it, through GET /content: ranked, forgiving of typos and accents, with
 * the matched words to highlight. The index's own unit tests (services/content-index) cover the
 * ranking rules one by one; this is the same through the API, on every store.
 */

let t: TestApp;
let r: ReturnType<typeof reviewRequests>;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  r = reviewRequests(t);
});
afterEach(() => t.close());

async function search(query: string): Promise<ContentPage> {
  const res = await t.app.request(`/content?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ContentPage;
}

const slugs = (page: ContentPage) => page.items.map((i) => i.slug);

async function publish(overrides: Parameters<typeof reviewInput>[0]) {
  t.clock.advance(60_000);
  return r.publish('editorA', overrides);
}

describe('search through /content', () => {
  it('ranks a title hit above a newer review that only mentions the word in its body', async () => {
    const titled = await publish({
      title: 'Autofocus tested: the Nikon Z6 III',
      camera: { brand: 'Nikon', model: 'Z6 III', type: 'mirrorless', sensor: 'full-frame' },
      body: publishableBody('Plain words about handling.'),
    });
    const newer = await publish({
      title: 'Ricoh GR IIIx review',
      camera: { brand: 'Ricoh', model: 'GR IIIx' },
      body: publishableBody('Its autofocus is slow in the dark.'),
    });
    const ranked = await search('q=autofocus');
    expect(slugs(ranked)).toEqual([titled.slug, newer.slug]);
    // Newest first is still a choice away.
    expect(slugs(await search('q=autofocus&sort=newest'))).toEqual([newer.slug, titled.slug]);
  });

  it('forgives a typo, folds accents both ways and reads Greek letters as Latin', async () => {
    const fuji = await publish({
      title: 'Fujifilm X-T5 review',
      camera: { brand: 'Fujifilm', model: 'X-T5', type: 'mirrorless' },
      summary: 'Una cámara para viajar ligero.',
      body: publishableBody('Dependable autofocus.'),
    });
    const sony = await publish({
      title: 'Sony α7 IV review',
      camera: { brand: 'Sony', model: 'α7 IV', type: 'mirrorless', sensor: 'full-frame' },
      summary: 'The camara of choice for hybrid shooters.',
    });
    expect(slugs(await search('q=autofokus'))).toEqual([fuji.slug]);
    expect(slugs(await search('q=fujiflim'))).toEqual([fuji.slug]);
    expect(slugs(await search('q=camara')).sort()).toEqual([fuji.slug, sony.slug].sort());
    expect(slugs(await search('q=c%C3%A1mara')).sort()).toEqual([fuji.slug, sony.slug].sort());
    expect(slugs(await search('q=a7'))).toEqual([sony.slug]);
    expect(slugs(await search('q=%CE%B17'))).toEqual([sony.slug]);
    // New slugs are transliterated too.
    expect(sony.slug).toMatch(/^sony-a7-iv/);
  });

  it('returns the words each review matched, for highlighting, and only with q', async () => {
    await publish({ title: 'Leica Q3 review', summary: 'Stabilised, sharp and silent.' });
    const page = await search('q=stabilis');
    expect(page.items[0]!.matches).toEqual(['stabilised']);
    expect((await search('')).items[0]!.matches).toBeUndefined();
  });

  it('counts facets disjunctively: a brand filter still shows the other brands', async () => {
    await publish({ camera: { brand: 'Nikon', model: 'Z8' }, title: 'Nikon Z8 review' });
    await publish({ camera: { brand: 'Sony', model: 'A1' }, title: 'Sony A1 review' });
    await publish({ camera: { brand: 'SONY', model: 'A9 III' }, title: 'Sony A9 III review' });
    const page = await search('brand=nikon');
    expect(page.total).toBe(1);
    expect(page.facets.brands).toEqual([
      { value: 'Sony', count: 2 },
      { value: 'Nikon', count: 1 },
    ]);
  });

  it('refuses a search past the word limit with a 400 naming q, rather than cutting it', async () => {
    const words = Array.from({ length: 13 }, (_, i) => `word${i}`).join('%20');
    const res = await t.app.request(`/content?q=${words}`);
    const problem = await expectProblem(res, 400, 'validation');
    expect(problem.errors?.map((e) => e.field)).toContain('q');
  });

  it('never indexes a draft', async () => {
    await r.create('editorA', { title: 'Unannounced Canon R1 mark II leak', status: 'draft' });
    expect((await search('q=unannounced')).total).toBe(0);
  });
});
