import fs from 'node:fs';
import { pino } from 'pino';
import type { Logger } from '../../ports/logger.js';

export interface FlushableLogger extends Logger {
  /** Writes out anything still buffered; call before the process exits. */
  flush(): void;
  /**
   * Writes one access-log line: the same JSON as `info(fields, 'request')` (or `error` from 500
   * on) with `fields` = `{ requestId, method, path, status, latencyMs }` in that order, built from
   * a template rather than serialised field by field, since every request writes one.
   */
  access(requestId: string, method: string, path: string, status: number, latencyMs: number): void;
}

export interface LoggerOptions {
  /**
   * Write each line before the call returns. Lambda entries want this: the runtime may freeze or
   * end the instance as soon as an invocation's promise settles, and an asynchronous write still
   * in flight then never reaches CloudWatch.
   */
  sync?: boolean;
}

/** Where the server's lines go. */
const STDOUT = 1;

/** What pino's `isoTime` writes, made once per millisecond rather than once per line. */
let lastMillis = -1;
let lastTime = '';
function isoTime(): string {
  const now = Date.now();
  if (now !== lastMillis) {
    lastMillis = now;
    lastTime = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTime;
}

/** The destination pino and the access lines write to. */
interface LineSink {
  write(line: string): void;
  flushSync(): void;
}

/** Every buffered sink of the process, written out by one exit hook. */
const buffered = new Set<BufferedSink>();
function flushAllSync(): void {
  for (const sink of buffered) sink.flushSync();
}

/**
 * How long a line may wait for the ones after it. A write per event-loop turn still made
 * thousands of `fs.write` calls a second under load (~10 % of a content read's CPU in the
 * profile, the write handed to libuv's threads and its callback); one per couple of
 * milliseconds makes a few hundred, while a line still reaches stdout before anyone reading it
 * (a person, a test polling the log) would notice.
 */
const FLUSH_DELAY_MS = 2;

/**
 * Lines gathered for {@link FLUSH_DELAY_MS} and handed to the asynchronous stdout writer at once:
 * one write per line (with sonic-boom's bookkeeping for each) was a visible share of a request's
 * time. Order is kept, since every line of the process goes through here. The buffer is written
 * synchronously when the process exits, however it exits (`process.exit` after SIGTERM or
 * SIGINT, an uncaught error, the loop running dry); only a SIGKILL loses it: the access and log
 * lines of the last couple of milliseconds.
 */
class BufferedSink implements LineSink {
  #pending = '';
  #scheduled = false;
  constructor(private readonly out: ReturnType<typeof pino.destination>) {
    if (buffered.size === 0) process.on('exit', flushAllSync);
    buffered.add(this);
  }
  write(line: string): void {
    this.#pending += line;
    if (!this.#scheduled) {
      this.#scheduled = true;
      // Unreferenced: pending lines never keep the process alive (the exit hook writes them).
      setTimeout(this.#flush, FLUSH_DELAY_MS).unref();
    }
  }
  #flush = (): void => {
    this.#scheduled = false;
    if (this.#pending === '') return;
    const lines = this.#pending;
    this.#pending = '';
    this.out.write(lines);
  };
  flushSync(): void {
    const lines = this.#pending;
    this.#pending = '';
    try {
      // What the writer holds first (older lines), then the gathered ones, both before returning:
      // handed to the writer, these would start an asynchronous write the exit cuts short.
      this.out.flushSync();
      if (lines !== '') writeAllSync(STDOUT, lines);
    } catch {
      // stdout already closed: nowhere left to write
    }
  }
}

/** Writes all of `text` to `fd` before returning, waiting out a full pipe. */
function writeAllSync(fd: number, text: string): void {
  let bytes = Buffer.from(text);
  for (let attempts = 0; bytes.length > 0 && attempts < 1_000;) {
    try {
      bytes = bytes.subarray(fs.writeSync(fd, bytes));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      attempts += 1;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/** Straight to the writer: each line is written by the time the call returns (`sync`). */
class DirectSink implements LineSink {
  constructor(private readonly out: ReturnType<typeof pino.destination>) {}
  write(line: string): void {
    this.out.write(line);
  }
  flushSync(): void {
    try {
      this.out.flushSync();
    } catch {
      // nothing buffered, or stdout already closed
    }
  }
}

/**
 * Strings that JSON writes as they are (no quote, backslash, control or non-ASCII character);
 * the others go through `JSON.stringify`, which writes what pino does for every string without a
 * lone surrogate (a decoded URL path never has one: `decodeURI` refuses them).
 */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const jsonString = (s: string) => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));

/**
 * One JSON object per line on stdout, as CloudWatch and `jq` both like it. By default writes
 * are asynchronous and batched every couple of milliseconds, so that neither a slow stdout pipe
 * nor the writes themselves hold up requests on the long-running server; `flush()` at shutdown
 * (an exit hook does it too). `{ sync: true }` for Lambda (see `LoggerOptions.sync`).
 */
export function createLogger(level: string, options: LoggerOptions = {}): FlushableLogger {
  const destination = pino.destination({ dest: STDOUT, sync: options.sync ?? false });
  const sink: LineSink = options.sync ? new DirectSink(destination) : new BufferedSink(destination);
  const logger = pino(
    {
      level,
      base: { service: 'shutter' },
      timestamp: isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => sink.write(line) },
  );
  const INFO = pino.levels.values.info!;
  const ERROR = pino.levels.values.error!;
  return Object.assign(logger as unknown as Logger, {
    flush: () => sink.flushSync(),
    access: (
      requestId: string,
      method: string,
      path: string,
      status: number,
      latencyMs: number,
    ): void => {
      const error = status >= 500;
      if (logger.levelVal > (error ? ERROR : INFO)) return;
      sink.write(
        `{"level":"${error ? 'error' : 'info'}"${isoTime()},"service":"shutter","requestId":${jsonString(requestId)},"method":${jsonString(method)},"path":${jsonString(path)},"status":${status},"latencyMs":${latencyMs},"msg":"request"}\n`,
      );
    },
  });
}
