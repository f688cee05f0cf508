import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchChromium,
  openTestPage,
  READER_USER_AGENT,
  type ChromiumSession,
  type PageActivity,
} from '../support/browser.js';
import { startPageServer, type PageServer } from '../support/page-server.js';
import {
  REPO_ROOT,
  runCli,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../support/server-process.js';

/**
 * The README's "Show the count on any page" block, read at test time so that what readers copy
 * is what runs here.
 */
function readmeSnippet(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const match = /^Show the count on any page.*\n\n```html\n([\s\S]*?)^```$/m.exec(readme);
  if (!match) throw new Error('README.md has no html block after "Show the count on any page"');
  return match[1]!;
}

function replaceOnce(text: string, placeholder: string, value: string): string {
  const parts = text.split(placeholder);
  if (parts.length !== 2)
    throw new Error(`the README snippet should hold ${placeholder} once, not ${parts.length - 1}`);
  return parts.join(value);
}

/** What a reader does with the snippet: put in their server's URL and their key. */
function snippetFor(apiUrl: string, key: string): string {
  return replaceOnce(replaceOnce(readmeSnippet(), 'http://localhost:3000', apiUrl), 'shk_…', key);
}

const KEY_IN_BANNER = /x-api-key: (shk_[A-Za-z0-9_-]+)/;

function createKey(dataDir: string, scope: string): string {
  const created = runCli(
    'api/src/local/keys-cli.ts',
    ['create', '--name', `browser-${scope}`, '--scope', scope, '--json'],
    { SHUTTER_DATA_DIR: dataDir },
  );
  if (created.status !== 0) throw new Error(`keys create failed: ${created.stderr}`);
  return (JSON.parse(created.stdout) as { key: string }).key;
}

/** The counter as the server has it, read without counting (and without CORS: this is node). */
async function storedCount(server: ServerProcess, key: string): Promise<number> {
  const res = await fetch(`${server.url}/visits/default`, { headers: { 'x-api-key': key } });
  if (res.status === 404) return 0;
  expect(res.status).toBe(200);
  return ((await res.json()) as { count: number }).count;
}

async function stop(server: ServerProcess | undefined): Promise<void> {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

const apiDataDir = tempDataDir();
const narrowDataDir = tempDataDir();
let api: ServerProcess | undefined;
/** A second server that allows only `site`'s origin, as `SHUTTER_CORS_ORIGINS` can narrow it. */
let narrowApi: ServerProcess | undefined;
let site: PageServer | undefined;
let otherSite: PageServer | undefined;
let chromium: ChromiumSession | undefined;

beforeAll(async () => {
  [site, otherSite] = await Promise.all([startPageServer(), startPageServer()]);
  // Assigned as each comes up, so afterAll stops whatever did even if another failed.
  await Promise.all([
    startServerProcess({ SHUTTER_DATA_DIR: apiDataDir, SHUTTER_DEMO: '0' }).then((s) => (api = s)),
    startServerProcess({
      SHUTTER_DATA_DIR: narrowDataDir,
      SHUTTER_DEMO: '0',
      SHUTTER_CORS_ORIGINS: site.origin,
    }).then((s) => (narrowApi = s)),
    launchChromium().then((c) => (chromium = c)),
  ]);
});

afterAll(async () => {
  await chromium?.close();
  await Promise.all([stop(api), stop(narrowApi), site?.close(), otherSite?.close()]);
});

let context: BrowserContext;
let page: Page;
let activity: PageActivity;

beforeEach(async () => {
  // A desktop agent: the counter skips headless Chromium's own as a bot.
  ({ context, page, activity } = await openTestPage(chromium!, { userAgent: READER_USER_AGENT }));
});

afterEach(async () => {
  await context.close();
});

/** Opens (or reloads) the page and waits for its visit request to be answered. */
async function loadCounting(apiUrl: string, open: () => Promise<unknown>): Promise<Response> {
  const visit = page.waitForResponse(
    (res) => res.url() === `${apiUrl}/visits/default` && res.request().method() === 'POST',
  );
  await open();
  return visit;
}

const shownCount = () => page.locator('[data-shutter-count]').textContent();

describe('the README visitor-counter snippet, served from another origin', () => {
  it('shows the count from the API, and one more on reload', async () => {
    const key = createKey(apiDataDir, 'default');
    const url = site!.serve('/counter.html', snippetFor(api!.url, key));

    const first = await loadCounting(api!.url, () => page.goto(url));
    expect(first.status()).toBe(200);
    expect(await first.request().headerValue('origin')).toBe(site!.origin);
    expect(await first.headerValue('access-control-allow-origin')).toBe('*');
    const { count } = (await first.json()) as { count: number };
    // Only readable by the page because CORS allowed it: the number is the proof.
    await expect.poll(shownCount, { timeout: 5_000 }).toBe(String(count));
    expect(await storedCount(api!, key)).toBe(count);

    const second = await loadCounting(api!.url, () => page.reload());
    expect(second.status()).toBe(200);
    await expect.poll(shownCount, { timeout: 5_000 }).toBe(String(count + 1));
    expect(await storedCount(api!, key)).toBe(count + 1);

    expect(activity.consoleErrors).toEqual([]);
    expect(activity.pageErrors).toEqual([]);
  });

  it('keeps "…" and reports the 403 when the key does not cover the counter', async () => {
    const inScope = KEY_IN_BANNER.exec(api!.stdout())![1]!;
    const before = await storedCount(api!, inScope);
    const url = site!.serve(
      '/wrong-scope.html',
      snippetFor(api!.url, createKey(apiDataDir, 'blog')),
    );

    const failed = page.waitForEvent('pageerror');
    const visit = await loadCounting(api!.url, () => page.goto(url));
    expect(visit.status()).toBe(403);
    expect(String(await failed)).toContain('visits: 403');
    expect(await shownCount()).toBe('…');
    expect(activity.consoleErrors).toEqual([
      expect.stringContaining('the server responded with a status of 403'),
    ]);
    expect(await storedCount(api!, inScope)).toBe(before);
  });
});

describe('the snippet against a server whose SHUTTER_CORS_ORIGINS leaves the page out', () => {
  it('counts from the listed origin; from any other the server refuses to count it', async () => {
    const key = KEY_IN_BANNER.exec(narrowApi!.stdout())?.[1];
    expect(key).toBeDefined();
    const html = snippetFor(narrowApi!.url, key!);

    const allowed = await loadCounting(narrowApi!.url, () =>
      page.goto(site!.serve('/counter.html', html)),
    );
    expect(allowed.status()).toBe(200);
    expect(await allowed.headerValue('access-control-allow-origin')).toBe(site!.origin);
    await expect.poll(shownCount, { timeout: 5_000 }).toMatch(/^\d+$/);
    const count = await storedCount(narrowApi!, key!);
    expect(await shownCount()).toBe(String(count));

    const failed = page.waitForEvent('pageerror');
    await page.goto(otherSite!.serve('/counter.html', html));
    expect(String(await failed)).toContain('Failed to fetch');
    expect(await shownCount()).toBe('…');
    expect(activity.consoleErrors.join('\n')).toContain('blocked by CORS policy');
    // The POST is a simple request, so it reached the server: which refused to count it (403).
    expect(await storedCount(narrowApi!, key!)).toBe(count);
  });
});
