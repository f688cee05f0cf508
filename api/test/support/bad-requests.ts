import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

/** One generated bad request and the statuses it may get. */
export interface BadCase {
  family: string;
  method: string;
  /** Path and query, already encoded. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Statuses the case may get: each a 4xx (a redirect only for the trailing-slash family). */
  expect: number[];
}

/**
 * Text that must never reach a client: stack frames, SQL and driver errors, file paths, hashes.
 * Each is a leak only if the request did not carry it (a 404 may echo a hostile path).
 */
export const INTERNAL_MARKERS: RegExp[] = [
  /\bat [^\s]+ \(.*:\d+:\d+\)/, // a stack frame
  /"stack"/,
  /SQLITE_/,
  /sqlite/i,
  /better-sqlite3/,
  /\bSELECT\b.*\bFROM\b/i,
  /\bINSERT INTO\b/i,
  /\bUPDATE\b.*\bSET\b/i,
  /node_modules/,
  /\/work\//,
  /\/home\//,
  /file:\/\//,
  /\.ts:\d+/,
  /\$argon2/,
  /ValidationException|ResourceNotFoundException|ConditionalCheckFailed/,
  /\b(TypeError|RangeError|SyntaxError|ReferenceError)\b/,
  /Maximum call stack/i,
  /JSON\.parse|Unexpected token/,
];

/** Sends a case through `app.request()` from an address of its own (no rate limit carries over). */
export async function sendCase(t: TestApp, c: BadCase, ip: string): Promise<Response> {
  return t.app.request(c.url, {
    method: c.method,
    headers: { 'x-test-client-ip': ip, ...c.headers },
    ...(c.body !== undefined ? { body: c.body } : {}),
  });
}

/** A case's request as text, to tell an echoed input from a leak. */
function requestText(c: BadCase): string {
  let url = c.url;
  try {
    url += ' ' + decodeURIComponent(c.url);
  } catch {
    // a hostile encoding: the raw form is all there is
  }
  return [url, JSON.stringify(c.headers), c.body ?? ''].join('\n');
}

/**
 * The answer every bad request must get: one of the case's statuses, as problem+json with type,
 * title, status and detail, and nothing internal in it.
 */
export async function expectCleanRefusal(
  c: BadCase,
  res: Response,
  secrets: readonly string[],
): Promise<void> {
  const label = `${c.family}: ${c.method} ${c.url.slice(0, 200)}`;
  const text = await res.text();
  expect(c.expect, `${label} → ${res.status} ${text.slice(0, 300)}`).toContain(res.status);
  if (res.status >= 300 && res.status < 400) {
    expect(res.headers.get('location'), label).toBeTruthy();
    return;
  }
  // A reader page that does not exist answers with a page for the reader (its documented 404),
  // checked below for internals like any problem.
  const readerPage =
    c.url.startsWith('/review/') &&
    res.status === 404 &&
    /^text\/html/.test(res.headers.get('content-type') ?? '');
  if (!readerPage) {
    expect(res.headers.get('content-type'), label).toBe('application/problem+json');
    const problem = JSON.parse(text) as Record<string, unknown>;
    expect(problem, label).toMatchObject({
      type: expect.stringMatching(/^https:\/\/shutter\.dev\/problems\/[a-z-]+$/),
      title: expect.any(String),
      status: res.status,
      detail: expect.any(String),
    });
  }
  const sent = requestText(c);
  for (const marker of INTERNAL_MARKERS) {
    if (marker.test(text) && !marker.test(sent)) {
      throw new Error(`${label}: the response shows internals (${marker}): ${text.slice(0, 500)}`);
    }
  }
  for (const secret of secrets) expect(text, label).not.toContain(secret);
}
