import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/adapters/sqlite/database-path.js';
import { FIXTURE_BODY, reviewInput } from '../support/review-fixtures.js';
import {
  launchChromium,
  openTestPage,
  type ChromiumSession,
  type PageActivity,
} from '../support/browser.js';
import {
  REPO_ROOT,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../support/server-process.js';

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'consoles');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DIST = join(REPO_ROOT, 'web/dist');

let server: ServerProcess | undefined;
let chromium: ChromiumSession | undefined;
let admin: { email: string; password: string };
const dataDir = tempDataDir();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Built here when stale, as `npm start` does (web/dist is never committed).
  execFileSync(process.execPath, ['--import', 'tsx', 'web/scripts/build-if-stale.ts'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  await Promise.all([
    startServerProcess({ SHUTTER_DATA_DIR: dataDir, SHUTTER_DEMO: '0' }).then((s) => (server = s)),
    launchChromium().then((c) => (chromium = c)),
  ]);
  const out = server!.stdout();
  admin = {
    email: /email:\s+(\S+)/.exec(out)![1]!,
    password: /password:\s+(\S+)/.exec(out)![1]!,
  };
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

async function violations(page: Page): Promise<string[]> {
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

/** No console error, page error or CSP violation; `allowed` names expected failed requests. */
async function expectClean(activity: PageActivity, allowed: RegExp[] = []) {
  expect(activity.consoleErrors.filter((e) => !allowed.some((a) => a.test(e)))).toEqual([]);
  expect(activity.pageErrors).toEqual([]);
  expect(await activity.cspViolations()).toEqual([]);
}

async function signIn(page: Page, url: string, email: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** An access token for `who`, from the API directly (another session than the page's). */
async function accessToken(who: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${server!.url}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(who),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

// The focused element's name: a button's text, or a field's label.
const FOCUSED_NAME = `(() => {
  const e = document.activeElement;
  if (!e) return '';
  if (e.tagName === 'BUTTON') return e.textContent.trim();
  return e.labels?.[0]?.textContent.trim() ?? '';
})()`;

/** Presses Tab until the focused element is named `name`; fails after `max` presses. */
async function tabTo(page: Page, name: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(FOCUSED_NAME)) === name) return;
  }
  throw new Error(`${max} presses of Tab never reached ${name}`);
}

describe('the consoles', () => {
  let editor: { email: string; password: string };

  it('stays under 150 KB of JavaScript gzipped, and the reader pages load none of it', async () => {
    const files = readdirSync(join(DIST, 'console-assets')).filter((f) => f.endsWith('.js'));
    const gzipped = files.reduce(
      (sum, f) => sum + gzipSync(readFileSync(join(DIST, 'console-assets', f))).length,
      0,
    );
    expect(gzipped).toBeLessThan(150 * 1024);
    writeFileSync(join(ARTIFACTS, 'budget.txt'), `console JS gzipped: ${gzipped} bytes\n`);
    const home = await (await fetch(`${server!.url}/`)).text();
    expect(home).not.toContain('console-assets');
    const asset = await fetch(`${server!.url}/console-assets/${files[0]}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('a wrong password shows an error; the admin signs in with the keyboard only', async () => {
    const { context, page, activity } = await openTestPage(chromium!);
    await page.goto(`${server!.url}/admin`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong email');
    expect(await violations(page)).toEqual([]);
    await shot(page, 'sign-in-error');
    // Keyboard only: focus the email field, then Tab and Enter.
    await page.getByLabel('Email').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(admin.email);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(admin.password);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The refresh token is an HttpOnly cookie on /auth, never in storage.
    const cookie = (await context.cookies()).find((c) => c.name === 'shutter_refresh')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth' });
    expect(await page.evaluate('JSON.stringify(localStorage)')).not.toContain('shr_');
    // A reload signs in again from the cookie.
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expectClean(activity, [/401/]);
    await context.close();
  });

  it('an admin creates an editor and a key, revokes the key, reads a counter, sees the queue', async () => {
    const { context, page, activity } = await openTestPage(chromium!);
    await signIn(page, `${server!.url}/admin`, admin.email, admin.password);
    await page.getByLabel('Email').fill('ed@example.com');
    await page.getByLabel('Name', { exact: true }).fill('Ed Itor');
    await page.getByRole('button', { name: 'Create user' }).click();
    const password = (await page.getByTestId('secret').textContent())!.trim();
    expect(password.length).toBeGreaterThan(10);
    editor = { email: 'ed@example.com', password };
    await page.getByRole('cell', { name: 'ed@example.com' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await shot(page, 'admin-users');

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name').fill('portfolio');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('secret').textContent())!.trim();
    expect(key).toMatch(/^shk_/);
    // The key counts a visit, then is revoked.
    const visit = await fetch(`${server!.url}/visits/default`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'user-agent': 'Mozilla/5.0 test' },
    });
    expect(visit.status).toBe(200);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke portfolio' }).click();
    await page.getByRole('row', { name: /portfolio.*revoked/ }).waitFor();
    expect(await violations(page)).toEqual([]);
    await shot(page, 'admin-keys');
    const refused = await fetch(`${server!.url}/visits/default`, {
      method: 'POST',
      headers: { 'x-api-key': key },
    });
    expect(refused.status).toBe(401);

    await page.getByRole('link', { name: 'Counters' }).click();
    await page.getByRole('img', { name: /Daily visits and unique visitors of default/ }).waitFor();
    expect(await page.getByRole('heading', { name: /default: \d+ visits/ }).textContent()).toMatch(
      /[1-9]\d* visits/,
    );
    expect(await violations(page)).toEqual([]);
    await shot(page, 'admin-counters');

    await page.getByRole('link', { name: 'Job queue' }).click();
    await page.getByText(/\d+ pending, \d+ running, \d+ failed/).waitFor();
    expect(await violations(page)).toEqual([]);
    await shot(page, 'admin-jobs');
    await expectClean(activity);
    await context.close();
  });

  it('an admin sees a failed job with its reason and retries it', async () => {
    // A job that failed its last attempt, as the queue leaves one (the jobs table of migration 4):
    // a reconcile, which succeeds when run again.
    const db = new Database(databasePath(dataDir));
    db.pragma('busy_timeout = 5000');
    const at = Date.now() - 60_000;
    db.prepare(
      `INSERT INTO jobs (id, type, payload, state, attempts, due_at, enqueued_at, last_error, died_at)
       VALUES ('content:reconcile', 'content:reconcile', '{}', 'dead', 5, ?, ?, ?, ?)`,
    ).run(at, at, 'storage unavailable (simulated)', at + 30_000);
    db.close();

    const { context, page, activity } = await openTestPage(chromium!);
    await signIn(page, `${server!.url}/admin`, admin.email, admin.password);
    await page.getByRole('link', { name: 'Job queue' }).click();
    await page.getByText(/\d+ pending, \d+ running, 1 failed/).waitFor();
    const row = page.getByTestId('dead-job');
    expect(await row.textContent()).toContain('content:reconcile');
    expect(await row.textContent()).toContain('storage unavailable (simulated)');
    expect(await violations(page)).toEqual([]);
    await shot(page, 'admin-job-failed');

    await page.getByRole('button', { name: 'Retry content:reconcile' }).click();
    await page.getByText('Queued content:reconcile again.').waitFor();
    // The worker runs it again, and this time it succeeds: nothing left in the queue.
    const token = await accessToken(admin);
    await expect
      .poll(
        async () =>
          (await (
            await fetch(`${server!.url}/jobs`, { headers: { Authorization: `Bearer ${token}` } })
          ).json()) as { pending: number; leased: number; dead: number },
        { timeout: 15_000 },
      )
      .toMatchObject({ pending: 0, leased: 0, dead: 0 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText(/0 pending, 0 running, 0 failed/).waitFor();
    expect(await row.count()).toBe(0);
    await shot(page, 'admin-job-retried');
    await expectClean(activity);
    await context.close();
  });

  it('an editor writes a draft, uploads a photo, previews, publishes, meets a 412 and restores', async () => {
    const { context, page, activity } = await openTestPage(chromium!);
    await signIn(page, `${server!.url}/editor`, editor.email, editor.password);
    expect(await violations(page)).toEqual([]);
    await page.getByRole('link', { name: 'New review' }).click();
    // An empty form: the problem's errors beside their fields.
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.locator('#f-title-error').waitFor();
    expect(await violations(page)).toEqual([]);
    await shot(page, 'editor-field-errors');

    await page.getByLabel('Title', { exact: true }).fill('Console Camera X1 review');
    await page
      .getByLabel('Summary', { exact: true })
      .fill('A camera reviewed entirely from the console.');
    await page.getByLabel('Body (Markdown)').fill(`## Handling\n\n${FIXTURE_BODY}`);
    await page.getByLabel('Brand', { exact: true }).fill('Console');
    await page.getByLabel('Model', { exact: true }).fill('X1');
    await page.getByLabel('Mount', { exact: true }).fill('CX');
    await page.getByLabel('Pros (one per line)').fill('Fast\nLight');
    await page.getByLabel('Cons (one per line)').fill('Pricey');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.locator('main > h1', { hasText: 'Console Camera X1 review' }).waitFor();
    const reviewUrl = page.url();

    // The live preview, rendered by the API.
    await expect.poll(() => page.getByTestId('preview').innerHTML()).toContain('<h2>Handling</h2>');

    // A preview link to share: the draft as readers will see it, unindexed, until revoked.
    await page.getByRole('button', { name: 'Share a preview link' }).click();
    const shared = await page.getByTestId('preview-link').getAttribute('href');
    const previewed = await fetch(new URL(shared!, server!.url), {
      headers: { accept: 'text/html' },
    });
    expect(previewed.status).toBe(200);
    expect(previewed.headers.get('x-robots-tag')).toBe('noindex');
    expect(await previewed.text()).toContain('Console Camera X1 review');
    await page.getByRole('button', { name: 'Revoke preview links' }).click();
    await page.getByText('Every preview link of this review is revoked.').waitFor();
    expect((await fetch(new URL(shared!, server!.url))).status).toBe(404);

    // A photo, with its alt text, uploaded and processed.
    const png = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#3366aa' },
    })
      .png()
      .toBuffer();
    await page.getByLabel('Alt text for the next photo').fill('A blue test card');
    await page.getByLabel('Choose a photo').setInputFiles({
      name: 'card.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await page.getByText('card.png is ready.').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('photo').textContent()).toMatch(/avif \d+×\d+/);
    expect(await violations(page)).toEqual([]);
    await shot(page, 'editor-draft');

    // Another session of the same editor, through the API.
    const login = (await (
      await fetch(`${server!.url}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(editor),
      })
    ).json()) as { accessToken: string };
    const id = reviewUrl.split('/').pop()!;
    const current = await fetch(`${server!.url}/reviews/${id}`, {
      headers: { Authorization: `Bearer ${login.accessToken}` },
    });
    const slug = ((await current.clone().json()) as { slug: string }).slug;
    expect(slug).toMatch(/console-x1/);
    expect((await fetch(`${server!.url}/content/${slug}`)).status).toBe(404);

    // Publish: visible to readers. Another session changes the review meanwhile.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page
      .locator('main > h1 .status', { hasText: 'published' })
      .waitFor()
      .catch(async (e) => {
        await shot(page, 'editor-publish-failed');
        throw new Error(`${String(e)}\n${await page.locator('main').innerText()}`);
      });
    await expect.poll(async () => (await fetch(`${server!.url}/content/${slug}`)).status).toBe(200);

    const published = await fetch(`${server!.url}/reviews/${id}`, {
      headers: { Authorization: `Bearer ${login.accessToken}` },
    });
    const theirs = await fetch(`${server!.url}/reviews/${id}`, {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${login.accessToken}`,
        'Content-Type': 'application/merge-patch+json',
        'If-Match': published.headers.get('etag')!,
      },
      body: JSON.stringify({ summary: 'Their summary, saved from elsewhere.' }),
    });
    expect(theirs.status).toBe(200);

    await page.getByLabel('Summary', { exact: true }).fill('My summary, typed in the console.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Someone else saved this review' }).waitFor();
    expect(await page.getByTestId('theirs-summary').textContent()).toContain('Their summary');
    expect(await page.getByTestId('mine-summary').textContent()).toContain('My summary');
    expect(await violations(page)).toEqual([]);
    await shot(page, 'editor-conflict');
    await page.getByRole('button', { name: 'Keep mine' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved version \d+/).waitFor();
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${server!.url}/content/${slug}`)).json()) as { summary: string })
            .summary,
      )
      .toBe('My summary, typed in the console.');

    // Restore the version from before the conflict: their summary again.
    await page.getByRole('button', { name: /^Compare version 3 / }).click();
    await page.getByTestId('diff').getByText('summary', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Restore version 3' }).click();
    await page.getByText(/Restored as version \d+/).waitFor();
    expect(await page.getByLabel('Summary', { exact: true }).inputValue()).toBe(
      'Their summary, saved from elsewhere.',
    );
    expect(await violations(page)).toEqual([]);
    await shot(page, 'editor-restored');

    // Delete, after confirming.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'My reviews' }).waitFor();
    await expect.poll(async () => (await fetch(`${server!.url}/content/${slug}`)).status).toBe(404);
    // The browser logs the expected answers: the empty form's 400 and the conflict's 412.
    await expectClean(activity, [/status of 400/, /status of 412/]);
    await context.close();
  }, 90_000);
  it('an editor signs in and publishes with the keyboard only, schedules and unschedules', async () => {
    const token = await accessToken(editor);
    const create = async (model: string) => {
      const response = await fetch(`${server!.url}/reviews`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(
          reviewInput({ title: `Timer ${model} review`, camera: { brand: 'Timer', model } }),
        ),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; slug: string };
    };
    const byKeyboard = await create('K1');
    const scheduled = await create('S1');
    const status = async (id: string) =>
      (await (
        await fetch(`${server!.url}/reviews/${id}`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).json()) as { status: string; publishAt: string | null };
    const readers = async (slug: string) => (await fetch(`${server!.url}/content/${slug}`)).status;

    // Keyboard only: Tab to each control, type, Enter; no click anywhere.
    const { context, page, activity } = await openTestPage(chromium!, { timezoneId: 'UTC' });
    await page.goto(`${server!.url}/editor/reviews/${byKeyboard.id}`);
    await tabTo(page, 'Email');
    await page.keyboard.type(editor.email);
    await tabTo(page, 'Password');
    await page.keyboard.type(editor.password);
    await page.keyboard.press('Enter');
    await page.locator('main > h1', { hasText: 'Timer K1 review' }).waitFor();
    await tabTo(page, 'Publish');
    await page.keyboard.press('Enter');
    await page.locator('main > h1 .status', { hasText: 'published' }).waitFor();
    await expect.poll(() => readers(byKeyboard.slug)).toBe(200);
    await shot(page, 'editor-keyboard-published');

    // Schedule for tomorrow: not public; then unschedule, back to a draft.
    await page.goto(`${server!.url}/editor/reviews/${scheduled.id}`);
    await page.locator('main > h1', { hasText: 'Timer S1 review' }).waitFor();
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setUTCSeconds(0, 0);
    await page.getByLabel('Publish at').fill(tomorrow.toISOString().slice(0, 16));
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.locator('main > h1 .status', { hasText: 'scheduled' }).waitFor();
    await page.getByText(/^Publishes at /).waitFor();
    expect(await status(scheduled.id)).toEqual(
      expect.objectContaining({ status: 'scheduled', publishAt: tomorrow.toISOString() }),
    );
    expect(await readers(scheduled.slug)).toBe(404);
    expect(await violations(page)).toEqual([]);
    await shot(page, 'editor-scheduled');
    await page.getByRole('button', { name: 'Unschedule' }).click();
    await page.locator('main > h1 .status', { hasText: 'draft' }).waitFor();
    expect(await status(scheduled.id)).toEqual(
      expect.objectContaining({ status: 'draft', publishAt: null }),
    );

    // Scheduled a few seconds ahead, the queue publishes it then.
    const soon = new Date(Date.now() + 6_000);
    if (soon.getUTCSeconds() === 0) soon.setUTCSeconds(1); // the input drops ":00"
    await page.getByLabel('Publish at').fill(soon.toISOString().slice(0, 19));
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.locator('main > h1 .status', { hasText: 'scheduled' }).waitFor();
    await expect.poll(() => readers(scheduled.slug), { timeout: 20_000 }).toBe(200);
    await page.reload();
    await page.locator('main > h1 .status', { hasText: 'published' }).waitFor();
    await expectClean(activity, [/401/]);
    await context.close();
  }, 60_000);
});
