import { writeSync } from 'node:fs';
import type { Logger } from '../../ports/logger.js';

/** The levels `LOG_LEVEL` accepts, with pino's numbers: a line is written at or above the threshold. */
const LEVELS = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
} as const;

export type LogLevel = keyof typeof LEVELS;

export interface JsonLineLoggerOptions {
  /** The file descriptor each line is written to; stdout (1) unless a test gives its own. */
  fd?: number;
}

/** Bindings pino keeps for itself, never written as a child's field. */
const RESERVED_BINDINGS = new Set(['level', 'serializers', 'formatters', 'customLevels']);

/** A value pino's error serialiser treats as an error: anything with a string `message`. */
function isErrorLike(value: unknown): value is Record<string, unknown> & { message: string } {
  return !!value && typeof (value as { message?: unknown }).message === 'string';
}

/** The error-like value `cause` points at (a VError-style `cause()` is called), if any. */
function causeOf(error: Record<string, unknown>): Record<string, unknown> | undefined {
  const cause = error.cause;
  const value: unknown = typeof cause === 'function' ? (cause as () => unknown).call(error) : cause;
  return isErrorLike(value) ? value : undefined;
}

/** `message: cause's message: …`, as pino writes it (a VError-style cause is already in it). */
function messageWithCauses(error: Record<string, unknown>, seen = new Set<object>()): string {
  let text = '';
  let current: Record<string, unknown> | undefined = error;
  let skip = false;
  while (current) {
    text += skip ? '' : (current.message as string) || '';
    if (seen.has(current)) return text + ': ...';
    const cause = causeOf(current);
    if (!cause) break;
    seen.add(current);
    skip = typeof current.cause === 'function';
    if (!skip) text += ': ';
    current = cause;
  }
  return text;
}

/** The stack, then `caused by: ` and each cause's stack. */
function stackWithCauses(error: Record<string, unknown>, seen = new Set<object>()): string {
  let text = '';
  let current: Record<string, unknown> | undefined = error;
  while (current) {
    text += (current.stack as string | undefined) || '';
    if (seen.has(current)) return text + '\ncauses have become circular...';
    const cause = causeOf(current);
    if (!cause) break;
    seen.add(current);
    text += '\ncaused by: ';
    current = cause;
  }
  return text;
}

/**
 * The `err` field as pino's standard serialiser writes it: `type` (the constructor's name),
 * `message` and `stack` with their causes, `aggregateErrors`, then the error's other enumerable
 * properties (nested errors serialised the same way). Anything else is written as it is.
 */
function serialiseErr(value: unknown, ancestors = new Set<object>()): unknown {
  if (!isErrorLike(value)) return value;
  ancestors.add(value);
  const constructor = value.constructor;
  const out: Record<string, unknown> = {
    type:
      Object.prototype.toString.call(constructor) === '[object Function]'
        ? (constructor as { name: string }).name
        : value.name,
    message: messageWithCauses(value),
    stack: stackWithCauses(value),
  };
  if (Array.isArray(value.errors)) {
    out.aggregateErrors = value.errors.map((inner: unknown) =>
      ancestors.has(inner as object) ? '[Circular]' : serialiseErr(inner, ancestors),
    );
  }
  for (const key in value) {
    // pino's serialised error has a `raw` of its own (the original), never written.
    if (key === 'raw' || out[key] !== undefined) continue;
    const inner = value[key];
    if (!isErrorLike(inner)) out[key] = inner;
    else if (key !== 'cause' && !ancestors.has(inner)) out[key] = serialiseErr(inner, ancestors);
  }
  ancestors.delete(value);
  return out;
}

/**
 * JSON for a value JSON.stringify refuses (a circular reference, a BigInt): circular references
 * become "[Circular]" and BigInts their digits, so one odd field never costs the whole line.
 * (pino's fallback also sorts the keys and writes a nested BigInt as a number; the app logs
 * neither, so the lines the app writes are the same.)
 */
function stringifyLeniently(value: unknown): string | undefined {
  const ancestors: unknown[] = [];
  return JSON.stringify(value, function (this: unknown, _key, inner: unknown) {
    if (typeof inner === 'bigint') return inner.toString();
    if (typeof inner !== 'object' || inner === null) return inner;
    // `this` is the object holding `inner`: whatever was opened below it is finished.
    while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
    if (ancestors.includes(inner)) return '[Circular]';
    ancestors.push(inner);
    return inner;
  });
}

/** One field's JSON value as pino writes it, or `undefined` to leave the field out. */
function jsonValue(key: string, raw: unknown): string | undefined {
  const value = key === 'err' ? serialiseErr(raw) : raw;
  switch (typeof value) {
    case 'undefined':
    case 'function':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'string':
      return JSON.stringify(value);
    default:
      try {
        return JSON.stringify(value);
      } catch {
        return stringifyLeniently(value);
      }
  }
}

/** `,"key":value` for each own field with something to write, in the object's order. */
function jsonFields(fields: object, skip?: Set<string>): string {
  let out = '';
  for (const key in fields) {
    if (!Object.prototype.hasOwnProperty.call(fields, key) || skip?.has(key)) continue;
    const value = jsonValue(key, (fields as Record<string, unknown>)[key]);
    if (value !== undefined) out += `,${JSON.stringify(key)}:${value}`;
  }
  return out;
}

/** Writes all of `line` to `fd` before returning, waiting out a full non-blocking pipe. */
function writeLine(fd: number, line: string): void {
  const bytes = Buffer.from(line);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(fd, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      // The reader is behind: sleep a millisecond (Atomics.wait blocks without spinning).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

function noop(): void {}

/**
 * The Lambda functions' logger: the same JSON lines as the server's pino logger (`pino-logger.ts`:
 * `level` as its name, `time`, `service`, a child's bindings, the fields, `msg`; `err` serialised
 * as pino does), each written to stdout with one synchronous `write` before the call returns.
 * Lambda may freeze the instance as soon as an invocation's promise settles, so nothing may wait
 * in a buffer; and a bundle with pino carries its worker-thread transport and asynchronous
 * stream too (~60 KB minified) for a function that needs neither (docs/performance.md).
 */
export function createJsonLineLogger(level: LogLevel, options: JsonLineLoggerOptions = {}): Logger {
  const threshold = LEVELS[level];
  if (threshold === undefined) throw new Error(`Unknown log level: ${JSON.stringify(level)}`);
  const fd = options.fd ?? 1;

  function make(bindings: string): Logger {
    const at = (name: 'debug' | 'info' | 'warn' | 'error') => {
      if (LEVELS[name] < threshold) return noop;
      const head = `{"level":"${name}","time":"`;
      return (fields: object, message?: string): void => {
        let msg = message;
        let own = fields as Record<string, unknown>;
        // pino's rules: an Error passed as the fields is the `err`, and gives the message.
        if (fields instanceof Error) own = { err: fields };
        if (msg === undefined && own.msg === undefined && own.err) {
          msg = (own.err as { message?: string }).message;
        }
        const tail = msg === undefined ? '' : `,"msg":${JSON.stringify(msg)}`;
        writeLine(fd, `${head}${new Date().toISOString()}"${bindings}${jsonFields(own)}${tail}}\n`);
      };
    };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (fields) => make(bindings + jsonFields(fields, RESERVED_BINDINGS)),
    };
  }

  return make(jsonFields({ service: 'shutter' }));
}
