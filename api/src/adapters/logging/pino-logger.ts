import { pino } from 'pino';
import type { Logger } from '../../ports/logger.js';

export interface FlushableLogger extends Logger {
  /** Writes out anything still buffered; call before the process exits. */
  flush(): void;
}

export interface LoggerOptions {
  /**
   * Write each line before the call returns. Lambda entries want this: the runtime may freeze or
   * end the instance as soon as an invocation's promise settles, and an asynchronous write still
   * in flight then never reaches CloudWatch.
   */
  sync?: boolean;
}

/**
 * One JSON object per line on stdout, as CloudWatch and `jq` both like it. By default writes are
 * asynchronous so a slow stdout pipe never holds up a request on the long-running server;
 * `flush()` at shutdown. `{ sync: true }` for Lambda (see `LoggerOptions.sync`).
 */
export function createLogger(level: string, options: LoggerOptions = {}): FlushableLogger {
  const destination = pino.destination({ dest: 1, sync: options.sync ?? false });
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
