import { pino } from 'pino';
import type { Logger } from '../../ports/logger.js';

export interface FlushableLogger extends Logger {
  /** Writes out anything still buffered; call before the process exits. */
  flush(): void;
}

/**
 * One JSON object per line on stdout, as CloudWatch and `jq` both like it. Writes are
 * asynchronous so a slow stdout pipe never holds up a request; `flush()` at shutdown.
 */
export function createLogger(level: string): FlushableLogger {
  const destination = pino.destination({ dest: 1, sync: false });
  const logger = pino(
    {
      level,
      base: { service: 'shutter' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return Object.assign(logger as unknown as Logger, {
    flush: () => {
      try {
        destination.flushSync();
      } catch {
        // nothing buffered, or stdout already closed
      }
    },
  });
}
