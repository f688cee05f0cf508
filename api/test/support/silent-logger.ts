import type { Logger } from '../../src/ports/logger.js';

export interface CapturingLogger extends Logger {
  lines: Array<Record<string, unknown>>;
}

/** A logger that keeps its lines in memory so tests can assert on them. */
export function createCapturingLogger(
  bound: Record<string, unknown> = {},
  lines: Array<Record<string, unknown>> = [],
): CapturingLogger {
  const write = (level: string) => (fields: object, msg?: string) => {
    lines.push({ level, ...bound, ...fields, ...(msg ? { msg } : {}) });
  };
  return {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (fields) => createCapturingLogger({ ...bound, ...fields }, lines),
  };
}
