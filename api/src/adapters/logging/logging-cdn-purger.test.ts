import { describe, expect, it } from 'vitest';
import type { Logger } from '../../ports/logger.js';
import { createMemoryCdnPurger } from '../memory/memory-cdn-purger.js';
import { createLoggingCdnPurger } from './logging-cdn-purger.js';

function capturingLogger() {
  const lines: { level: string; fields: object; message?: string }[] = [];
  const at =
    (level: string) =>
    (fields: object, message?: string): void => {
      lines.push({ level, fields, ...(message === undefined ? {} : { message }) });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return { logger, lines };
}

describe('logging CDN purger', () => {
  it('logs one info line naming each tag once', async () => {
    const { logger, lines } = capturingLogger();
    await createLoggingCdnPurger(logger).purge(['review:x100vi', 'list', 'review:x100vi']);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('info');
    expect(lines[0]!.fields).toEqual({ event: 'cdn-purge', tags: ['review:x100vi', 'list'] });
  });

  it('logs nothing for no tags, and refuses a value that is not a tag', async () => {
    const { logger, lines } = capturingLogger();
    const purger = createLoggingCdnPurger(logger);
    await purger.purge([]);
    await expect(purger.purge(['list', 'everything'])).rejects.toThrow(/Not a cache tag/);
    expect(lines).toEqual([]);
  });
});

describe('memory CDN purger', () => {
  it('records each purge', async () => {
    const purger = createMemoryCdnPurger();
    await purger.purge(['review:a7-iv', 'list']);
    await purger.purge([]);
    await purger.purge(['cameras']);
    expect(purger.calls).toEqual([['review:a7-iv', 'list'], ['cameras']]);
    expect(purger.purgedTags()).toEqual(new Set(['review:a7-iv', 'list', 'cameras']));
    await expect(purger.purge(['review:Not A Slug'])).rejects.toThrow(/Not a cache tag/);
    expect(purger.calls).toHaveLength(2);
  });
});
