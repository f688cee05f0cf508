import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, recordPageActivity, type ChromiumSession } from '../support/browser.js';
import {
  REPO_ROOT,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../support/server-process.js';

/** Screenshots for people to look at (CI keeps them as artifacts); never committed. */
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'reader-site');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The budgets, in gzipped bytes. */
const REVIEW_HTML_BUDGET = 40 * 1024;
const JAVASCRIPT_BUDGET = 15 * 1024;

const A7 = 'sony-a7-iv-review';
const COMPARED = [A7, 'nikon-z6-iii-review', 'canon-eos-r6-mark-ii-review'];

let server: ServerProcess | undefined;
let chromium: ChromiumSession | undefined;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await Promise.all([
    startServerProcess({ SHUTTER_DATA_DIR: tempDataDir(), SHUTTER_DEMO: '1' }).then(
      (s) => (server = s),
    ),
    launchChromium().then((c) => (chromium = c)),
  ]);
});

afterAll(async () => {
  await chromium?.close();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

interface Reader {
  context: BrowserContext;
  page: Page;
  /** Fails the test on a console error, an uncaught error, a CSP violation or another host. */
  expectClean(): Promise<void>;
  /** gzipped bytes of every script the page loaded so far. */
  scriptBytes(): Promise<number>;
}

async function reader(options: { javaScript: boolean; width: number }): Promise<Reader> {
  const context = await chromium!.browser.newContext({
    javaScriptEnabled: options.javaScript,
    viewport: { width: options.width, height: 800 },
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const activity = await recordPageActivity(context, page);
  const scripts = new Map<string, Promise<number>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && !scripts.has(response.url())) {
      scripts.set(
        response.url(),
        response.body().then((body) => gzipSync(body).length),
      );
    }
  });
  return {
    context,
    page,
    async expectClean() {
      expect(activity.consoleErrors).toEqual([]);
      expect(activity.pageErrors).toEqual([]);
      if (options.javaScript) expect(await activity.cspViolations()).toEqual([]);
      const origin = new URL(server!.url).origin;
      expect(activity.requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    },
    async scriptBytes() {
      return (await Promise.all(scripts.values())).reduce((a, b) => a + b, 0);
    },
  };
}

/** axe-core's serious and critical findings on the page as it is now (rule id and targets). */
async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP does not apply.
  await page.evaluate(AXE);
  const result = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as {
    violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

const cardSlugs = (page: Page) =>
  page
    .locator('#results h3 a')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname.slice(8)));

/** No horizontal scrolling of the page itself (wide tables scroll inside their own box). */
async function expectFitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('the reader site in Chromium, with JavaScript', () => {
  it('searches with a typo as the reader types, filters, sorts, and the URL reproduces the view', async () => {
    const r = await reader({ javaScript: true, width: 360 });
    const { page } = r;
    await page.goto(`${server!.url}/`);
    expect(await cardSlugs(page)).toHaveLength(12);
    await shot(page, 'home-360');
    expect(await accessibilityViolations(page)).toEqual([]);
    await expectFitsWidth(page);

    // "sonny": a typo of "sony", typed; no button pressed.
    await page.locator('#q').pressSequentially('sonny', { delay: 30 });
    await page.waitForURL(/\?q=sonny$/);
    await expect.poll(() => cardSlugs(page)).toContain(A7);
    expect(await page.locator('#results mark').first().textContent()).toBe('Sony');

    await page.locator('#brand').selectOption('Sony');
    await page.waitForURL(/brand=Sony/);
    await page.locator('#sort').selectOption('rating');
    await page.waitForURL(/sort=rating/);
    await expect.poll(() => cardSlugs(page)).toEqual([A7, 'sony-rx100-vii-review']);
    await shot(page, 'search-360');
    expect(await accessibilityViolations(page)).toEqual([]);
    await r.expectClean();

    // Shared: the address bar alone gives the same view to someone else.
    const shared = page.url();
    expect(new URL(shared).search).toBe('?q=sonny&brand=Sony&sort=rating');
    const other = await reader({ javaScript: true, width: 1280 });
    await other.page.goto(shared);
    expect(await cardSlugs(other.page)).toEqual([A7, 'sony-rx100-vii-review']);
    expect(await other.page.locator('#q').inputValue()).toBe('sonny');
    expect(await other.page.locator('#sort').inputValue()).toBe('rating');
    await other.expectClean();
    await other.context.close();

    expect(await r.scriptBytes()).toBeLessThanOrEqual(JAVASCRIPT_BUDGET);
    await r.context.close();
  });

  it('opens a review: body, chart, specs and its visit count; within the budgets', async () => {
    const r = await reader({ javaScript: true, width: 1280 });
    const { page } = r;
    await page.goto(`${server!.url}/`);
    await page.locator(`#results a[href="/review/${A7}"]`).click();
    await page.waitForURL(`**/review/${A7}`);
    await expect.poll(() => page.locator('[data-shutter-count]').textContent()).toMatch(/^\d+$/);
    expect(await page.locator('.visits').isVisible()).toBe(true);
    const chart = page.locator('svg[role="img"][aria-labelledby="scores-t scores-d"]');
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator('desc').textContent()).toContain('Overall 9 out of 10');
    expect(await page.locator('table.specs').textContent()).toContain('Sony E');
    await shot(page, 'review-1280');
    expect(await accessibilityViolations(page)).toEqual([]);
    await r.expectClean();

    const html = await (await fetch(`${server!.url}/review/${A7}`)).text();
    const htmlBytes = gzipSync(html).length;
    const scriptBytes = await r.scriptBytes();
    console.log(
      `budgets: review HTML ${htmlBytes} B gzipped (≤ ${REVIEW_HTML_BUDGET}), scripts ${scriptBytes} B gzipped (≤ ${JAVASCRIPT_BUDGET})`,
    );
    expect(htmlBytes).toBeLessThanOrEqual(REVIEW_HTML_BUDGET);
    expect(scriptBytes).toBeLessThanOrEqual(JAVASCRIPT_BUDGET);

    await page.setViewportSize({ width: 360, height: 800 });
    await expectFitsWidth(page);
    await shot(page, 'review-360');
    await r.context.close();
  });

  it('compares three cameras picked on the home page', async () => {
    const r = await reader({ javaScript: true, width: 1280 });
    const { page } = r;
    await page.goto(`${server!.url}/`);
    for (const slug of COMPARED) await page.locator(`input[name="slugs"][value="${slug}"]`).check();
    expect(await page.locator('[data-picked]').textContent()).toBe('3 of 2–4 picked');
    await page.locator('#compare button').click();
    // One comma-separated parameter, in the order the cards are listed (newest first).
    await page.waitForURL(/\/compare\?slugs=[a-z0-9-]+,[a-z0-9-]+,[a-z0-9-]+$/);
    expect(new URL(page.url()).searchParams.get('slugs')!.split(',').sort()).toEqual(
      [...COMPARED].sort(),
    );
    expect(await page.locator('table.grid thead th').count()).toBe(3);
    expect(await page.locator('td.best').count()).toBeGreaterThan(0);
    expect(await page.locator('svg[role="img"][aria-labelledby="cmp-t cmp-d"]').isVisible()).toBe(
      true,
    );
    await shot(page, 'compare-1280');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    await expectFitsWidth(page);
    await shot(page, 'compare-360');

    await page.goto(`${server!.url}/cameras`);
    expect(await page.locator('tbody tr').count()).toBe(12);
    await shot(page, 'cameras-360');
    expect(await accessibilityViolations(page)).toEqual([]);
    await expectFitsWidth(page);
    await page.goto(`${server!.url}/compare`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await r.expectClean();
    expect(await r.scriptBytes()).toBeLessThanOrEqual(JAVASCRIPT_BUDGET);
    await r.context.close();
  });
});

describe('the reader site in Chromium, with JavaScript off', () => {
  it('searches, filters, sorts, reads a review and compares three cameras with plain forms and links', async () => {
    const r = await reader({ javaScript: false, width: 360 });
    const { page } = r;
    await page.goto(`${server!.url}/`);
    await page.locator('#q').fill('sonny');
    await page.locator('#brand').selectOption('Sony');
    await page.locator('#sort').selectOption('rating');
    await page.locator('#search button[type="submit"]').click();
    await page.waitForURL(/\?q=sonny&brand=Sony&type=&sensor=/);
    expect(await cardSlugs(page)).toEqual([A7, 'sony-rx100-vii-review']);
    await shot(page, 'nojs-search-360');

    await page.locator(`#results a[href="/review/${A7}"]`).click();
    await page.waitForURL(`**/review/${A7}`);
    expect(await page.locator('h1').textContent()).toContain('Sony A7 IV');
    expect(await page.locator('svg[role="img"]').first().isVisible()).toBe(true);
    // No script, no count, and no empty "visits" line either.
    expect(await page.locator('.visits').isVisible()).toBe(false);

    await page.goto(`${server!.url}/`);
    for (const slug of COMPARED) await page.locator(`input[name="slugs"][value="${slug}"]`).check();
    await page.locator('#compare button').click();
    await page.waitForURL(/\/compare\?slugs=/);
    expect(new URL(page.url()).searchParams.getAll('slugs').sort()).toEqual([...COMPARED].sort());
    expect(await page.locator('table.grid thead th').count()).toBe(3);
    await shot(page, 'nojs-compare-360');
    await r.expectClean();
    expect(await r.scriptBytes()).toBe(0);
    await r.context.close();
  });
});
