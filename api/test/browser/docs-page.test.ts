import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchChromium,
  openTestPage,
  type ChromiumSession,
  type PageActivity,
} from '../support/browser.js';
import { startServerProcess, tempDataDir, type ServerProcess } from '../support/server-process.js';

interface OpenApiDocument {
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, { tags?: string[] }>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let server: ServerProcess | undefined;
let chromium: ChromiumSession | undefined;
let context: BrowserContext;
let page: Page;
let activity: PageActivity;

beforeAll(async () => {
  // Started side by side, and assigned as each comes up so afterAll stops whatever did.
  await Promise.all([
    startServerProcess({ SHUTTER_DATA_DIR: tempDataDir() }).then((s) => (server = s)),
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

beforeEach(async () => {
  ({ context, page, activity } = await openTestPage(chromium!));
});

afterEach(async () => {
  await context.close();
});

async function openDocs(): Promise<void> {
  await page.goto(`${server!.url}/docs`);
  await page.locator('.opblock').first().waitFor();
}

/** What a page must never do, whatever the flow: fail, break its CSP, or reach another host. */
async function expectCleanPage(): Promise<void> {
  expect(activity.consoleErrors).toEqual([]);
  expect(activity.pageErrors).toEqual([]);
  expect(await activity.cspViolations()).toEqual([]);
  const origin = new URL(server!.url).origin;
  expect(activity.requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
}

describe('GET /docs in Chromium', () => {
  it('renders every tag and operation of /openapi.json, with no error, CSP violation or outside request', async () => {
    const document = (await (await fetch(`${server!.url}/openapi.json`)).json()) as OpenApiDocument;
    await openDocs();

    const tags = page.locator('.opblock-tag');
    const rendered: Array<string | null> = [];
    for (let i = 0; i < (await tags.count()); i++)
      rendered.push(await tags.nth(i).getAttribute('data-tag'));
    expect(rendered).toEqual(document.tags.map((tag) => tag.name));
    expect(rendered).toEqual(expect.arrayContaining(['Content', 'Reviews', 'Visitor counter']));

    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .flatMap(([method, operation]) =>
          (operation.tags ?? []).map((tag) => ({ tag, method, path })),
        ),
    );
    expect(operations.length).toBeGreaterThan(10);
    for (const { tag, method, path } of operations) {
      const block = page
        .locator(`.opblock-tag-section:has(> .opblock-tag[data-tag="${tag}"]) .opblock-${method}`)
        .filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });
      expect(await block.count(), `${tag}: ${method.toUpperCase()} ${path}`).toBe(1);
    }
    expect(await page.locator('.opblock').count()).toBe(operations.length);

    expect(activity.requests).toContain(`${server!.url}/openapi.json`);
    await expectCleanPage();
  });

  it('runs GET /content against this server: try-it-out is on, Execute shows the live 200', async () => {
    await openDocs();
    const operation = page.locator('#operations-Content-get_content');
    await operation.locator('.opblock-summary-control').click();
    // deepLinking: the expanded operation is in the address, so it can be shared.
    await expect.poll(() => new URL(page.url()).hash).toBe('#/Content/get_content');

    // tryItOutEnabled: the form is editable at once, so there is no "Try it out" to press.
    const execute = operation.getByRole('button', { name: 'Execute' });
    await execute.waitFor();
    expect(await operation.getByRole('button', { name: 'Try it out' }).count()).toBe(0);
    expect(await operation.getByRole('button', { name: 'Cancel' }).count()).toBe(1);

    // The fields start filled with the schema's examples, chosen to match demo reviews: a
    // newcomer's first Execute, unedited, must show results rather than an empty list.
    const prefilled = new Map<string, string>();
    for (const name of ['q', 'brand', 'minRating'])
      prefilled.set(
        name,
        await operation.locator(`tr[data-param-name="${name}"] input`).inputValue(),
      );
    expect([...prefilled.values()].every((value) => value !== '')).toBe(true);

    const sent = page.waitForResponse((res) => new URL(res.url()).pathname === '/content');
    await execute.click();
    const response = await sent;
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { items: Array<{ slug: string }>; total: number };
    const query = new URL(response.url()).searchParams;
    expect(
      Object.fromEntries([...prefilled.keys()].map((name) => [name, query.get(name)])),
    ).toEqual(Object.fromEntries(prefilled));
    const direct = (await (await fetch(response.url())).json()) as typeof body;
    expect(body.total).toBeGreaterThan(0);
    expect(body.total).toBe(direct.total);

    const live = operation.locator('.live-responses-table');
    await live.waitFor();
    expect((await live.locator('tr.response .response-col_status').innerText()).trim()).toBe('200');
    expect((await operation.locator('.request-url pre').innerText()).trim()).toBe(response.url());
    const shown = JSON.parse(
      await live.locator('tr.response .response-col_description pre').first().innerText(),
    );
    expect(shown).toEqual(body);
    expect(shown.items.map((item: { slug: string }) => item.slug)).toEqual(
      direct.items.map((item) => item.slug),
    );

    await expectCleanPage();
  });
});
