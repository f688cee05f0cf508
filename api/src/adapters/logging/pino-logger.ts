import { pino } from 'pino';
import type { Logger } from '../../ports/logger.js';

/** One JSON object per line on stdout, as CloudWatch and `jq` both like it. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'shutter' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
