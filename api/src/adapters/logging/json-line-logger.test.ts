import fs from 'node:fs';
import { mkdtempSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../ports/logger.js';
import { createJsonLineLogger, type LogLevel } from './json-line-logger.js';
import { createLogger } from './pino-logger.js';

const ISO_TIME = /"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/g;
const sameTime = (line: string) => line.replace(ISO_TIME, '"time":"T"');

/** What the server's pino logger writes (synchronously, to fd 1) for `calls`, one string a line. */
function pinoLines(level: LogLevel, calls: (logger: Logger) => void): string[] {
  const written: string[] = [];
  // pino's sonic-boom looks `fs.writeSync` up on each write, so the spy sees every line.
  const spy = vi.spyOn(fs, 'writeSync').mockImplementation((fd, data) => {
    expect(fd).toBe(1);
    const text = typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString();
    written.push(text);
    return Buffer.byteLength(text);
  });
  try {
    calls(createLogger(level, { sync: true }));
  } finally {
    spy.mockRestore();
  }
  return written.join('').split('\n').filter(Boolean);
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What the JSON line logger wrote to a file of its own by the time `calls` returned. */
function jsonLines(level: LogLevel, calls: (logger: Logger) => void): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'shutter-log-'));
  dirs.push(dir);
  const path = join(dir, 'out.log');
  const fd = openSync(path, 'w');
  try {
    calls(createJsonLineLogger(level, { fd }));
  } finally {
    closeSync(fd);
  }
  return readFileSync(path, 'utf8').split('\n').filter(Boolean);
}

/** Writes the same calls through both loggers and returns both outputs, time set aside. */
function bothWrite(level: LogLevel, calls: (logger: Logger) => void) {
  return {
    pino: pinoLines(level, calls).map(sameTime),
    json: jsonLines(level, calls).map(sameTime),
  };
}

class StorageError extends Error {
  code = 'SQLITE_FULL';
}

describe('JSON line logger', () => {
  it('writes the lines pino writes: level, time, service, bindings, fields, msg', () => {
    const { pino, json } = bothWrite('debug', (logger) => {
      logger.info({ requestId: 'r1', status: 200, latencyMs: 1.25 }, 'request');
      logger.debug({}, 'no fields');
      logger.warn({ dropped: ['header x-broken'] });
      logger.error({}, '');
      const child = logger.child({ requestId: 'r2' });
      child.warn({ reason: 'slow' }, 'child line');
      child.child({ jobId: 'j1', level: 'ignored' }).info({ requestId: 'r3' }, 'grandchild');
    });
    expect(json).toEqual(pino);
    expect(json).toHaveLength(6);
    expect(JSON.parse(json[0]!)).toEqual({
      level: 'info',
      time: 'T',
      service: 'shutter',
      requestId: 'r1',
      status: 200,
      latencyMs: 1.25,
      msg: 'request',
    });
  });

  it('writes values as pino does: odd numbers, strings to escape, nested data, nothing for undefined', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const { pino, json } = bothWrite('info', (logger) => {
      logger.info(
        {
          gone: undefined,
          fn: () => 1,
          sym: Symbol('s'),
          inf: Infinity,
          nan: NaN,
          big: 10n,
          yes: true,
          none: null,
          quote: 'say "hi"\\ \n\t\u0001 é ✓ \u2028',
          long: 'x"'.repeat(80),
          date: new Date(0),
          nested: { z: 1, a: [1, undefined, { b: 'c' }] },
          circular,
        },
        'values "quoted"\n',
      );
    });
    expect(json).toEqual(pino);
  });

  it('serialises `err` as pino does: type, message and stack with causes, own properties', () => {
    const cause = new Error('disk full');
    const error = new StorageError('write refused', { cause });
    const aggregate = new AggregateError([new Error('one'), new TypeError('two')], 'both failed');
    // Made here, not in the calls, so that both loggers see the same stacks.
    const nesting = Object.assign(new Error('outer'), { inner: new Error('inner') });
    const asFields = new Error('passed as the fields');
    const { pino, json } = bothWrite('info', (logger) => {
      logger.error({ err: error }, 'unhandled error');
      logger.error({ err: { name: error.name, message: error.message, stack: 'S' } }, 'plain');
      logger.warn({ err: { name: 'AbortError', message: 'aborted' } }, 'no stack');
      logger.warn({ err: 'a string' }, 'not an error');
      logger.error({ err: aggregate }, 'aggregate');
      logger.error({ err: nesting });
      logger.error(asFields);
      logger.child({ requestId: 'r' }).error({ err: cause, msg: 'own msg field' });
    });
    expect(json).toEqual(pino);
    const first = JSON.parse(json[0]!) as { err: Record<string, unknown> };
    expect(first.err).toMatchObject({
      type: 'StorageError',
      message: 'write refused: disk full',
      code: 'SQLITE_FULL',
    });
    expect(first.err.stack).toMatch(/^Error: write refused\n[\s\S]*\ncaused by: Error: disk full/);
  });

  it('writes only the levels at or above its threshold, as pino does', () => {
    const calls = (logger: Logger) => {
      logger.debug({ n: 1 }, 'debug');
      logger.info({ n: 2 }, 'info');
      logger.warn({ n: 3 }, 'warn');
      logger.child({ c: 1 }).error({ n: 4 }, 'error');
      logger.child({ c: 1 }).info({ n: 5 }, 'info');
    };
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const) {
      const { pino, json } = bothWrite(level, calls);
      expect(json, level).toEqual(pino);
    }
    expect(jsonLines('warn', calls).map((l) => (JSON.parse(l) as { n: number }).n)).toEqual([3, 4]);
    expect(jsonLines('silent', calls)).toEqual([]);
  });

  it('writes its time as the ISO time of the call', () => {
    const before = Date.now();
    const [line] = jsonLines('info', (logger) => logger.info({}, 'now'));
    const { time } = JSON.parse(line!) as { time: string };
    expect(Date.parse(time)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(time)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a level it does not know', () => {
    expect(() => createJsonLineLogger('verbose' as LogLevel)).toThrow(/Unknown log level/);
  });
});
