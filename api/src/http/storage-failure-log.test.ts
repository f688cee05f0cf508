import { describe, expect, it } from 'vitest';
import { UnavailableError, ValidationError } from '../domain/errors.js';
import type { Logger } from '../ports/logger.js';
import { createStorageFailureLog } from './storage-failure-log.js';

function recordingLogger() {
  const lines: { fields: Record<string, unknown>; msg: string }[] = [];
  const logger = {
    error: (fields: Record<string, unknown>, msg: string) => lines.push({ fields, msg }),
  } as unknown as Logger;
  return { logger, lines };
}

describe('storage failure log', () => {
  const full = () =>
    new UnavailableError('Storage is unavailable: the disk is full; try again later', 30, {
      cause: Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
    });

  it('logs one line with the code and no stack, then stays quiet for a minute', () => {
    let now = 0;
    const log = createStorageFailureLog(() => now);
    const { logger, lines } = recordingLogger();
    log(full(), logger);
    log(full(), logger);
    log(full(), logger);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.fields).toEqual({
      storage: 'Storage is unavailable: the disk is full; try again later',
      code: 'SQLITE_FULL',
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/stack|at .*\.ts/);
    now = 61_000;
    log(full(), logger);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.fields.refusedSinceLastLine).toBe(2);
  });

  it('ignores errors that are not storage failures', () => {
    const log = createStorageFailureLog();
    const { logger, lines } = recordingLogger();
    log(new ValidationError('bad'), logger);
    log(new Error('boom'), logger);
    expect(lines).toHaveLength(0);
  });
});
