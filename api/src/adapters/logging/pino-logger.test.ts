import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './pino-logger.js';

const text = (data: unknown) =>
  typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString();

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every synchronous write to fd 1 while `calls` runs, split into lines. */
function syncLines(calls: () => void): string[] {
  const written: string[] = [];
  const spy = vi.spyOn(fs, 'writeSync').mockImplementation((fd, data) => {
    expect(fd).toBe(1);
    written.push(text(data));
    return Buffer.byteLength(text(data));
  });
  try {
    calls();
  } finally {
    spy.mockRestore();
  }
  return written.join('').split('\n').filter(Boolean);
}

describe('access lines', () => {
  it('are the JSON that info/error(fields, "request") writes, byte for byte', () => {
    const cases: Array<[string, string, string, number, number]> = [
      ['abc-1', 'GET', '/content/x100vi', 200, 1.25],
      ['r:2', 'GET', '/content/a"b\\c', 304, 0],
      ['r3', 'POST', '/visits/café', 404, 12.5],
      ['r4', 'DELETE', '/reviews/x\ty', 503, 100],
    ];
    // Same millisecond for both lines of a pair, so the times match.
    vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-01T10:00:00.123Z'));
    for (const [requestId, method, path, status, latencyMs] of cases) {
      const logger = createLogger('debug', { sync: true });
      const [viaPino, viaAccess] = syncLines(() => {
        const fields = { requestId, method, path, status, latencyMs };
        if (status >= 500) logger.error(fields, 'request');
        else logger.info(fields, 'request');
        logger.access(requestId, method, path, status, latencyMs);
      });
      expect(viaAccess).toBe(viaPino);
      expect(JSON.parse(viaAccess!)).toMatchObject({ path, status, msg: 'request' });
    }
  });

  it('follow the level: info lines only at info or below, 5xx ones at error', () => {
    const logger = createLogger('error', { sync: true });
    const lines = syncLines(() => {
      logger.access('a', 'GET', '/', 200, 1);
      logger.access('b', 'GET', '/', 500, 1);
    });
    expect(lines.map((l) => (JSON.parse(l) as { requestId: string }).requestId)).toEqual(['b']);
  });
});

describe('the server logger (asynchronous)', () => {
  it('writes the lines of a few milliseconds in one write, in order, after them', async () => {
    const writes: string[] = [];
    vi.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      writes.push(text(data));
      const done = rest.find((r) => typeof r === 'function') as (e: null, n: number) => void;
      process.nextTick(() => done(null, Buffer.byteLength(text(data))));
    }) as unknown as typeof fs.write);
    const logger = createLogger('info');
    logger.info({ n: 1 }, 'first');
    logger.access('r1', 'GET', '/content', 200, 1);
    logger.warn({ n: 2 }, 'third');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(writes).toHaveLength(1);
    expect(
      writes[0]!
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).msg),
    ).toEqual(['first', 'request', 'third']);
  });

  it('flush() writes what was gathered before it returns', () => {
    vi.spyOn(fs, 'write').mockImplementation((() => {
      throw new Error('no asynchronous write expected');
    }) as unknown as typeof fs.write);
    const logger = createLogger('info');
    const lines = syncLines(() => {
      logger.access('r1', 'GET', '/content', 200, 1);
      logger.flush();
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: 'r1', msg: 'request' });
  });
});
