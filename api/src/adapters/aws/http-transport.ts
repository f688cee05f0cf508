import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';

/**
 * The light AWS clients' transport: one signed request over `node:http` or `node:https`, by the
 * URL's scheme, on a keep-alive agent per scheme (on Lambda, one connection serves invocation
 * after invocation). Not `fetch`: its first call in a process loads undici's client and compiles
 * its WASM HTTP parser, 30–60 ms of a cold start, where `node:http`'s native parser costs 6–7 ms
 * (docs/performance.md, "Lambda cold start: AWS calls without fetch"). Bodies are whole byte
 * arrays both ways: every AWS call the functions make is small (JSON, or an S3 object they hold
 * in memory anyway).
 */

/** A request as aws4fetch's `AwsV4Signer.sign()` gives it: signed headers, the body as sent. */
export interface HttpRequest {
  method: string;
  url: URL | string;
  headers: Headers | Record<string, string>;
  /** A string is sent as UTF-8. */
  body?: string | Uint8Array | null;
  /** Aborting fails the request (its answer too, if it is still arriving) with a timeout. */
  signal?: AbortSignal;
}

/** An answer, whole: the status, the headers and every byte of the body. */
export class HttpAnswer {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly body: Uint8Array,
  ) {}

  /** 2xx, as `Response.ok`. */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The body as UTF-8 text. */
  text(): string {
    return new TextDecoder().decode(this.body);
  }
}

/**
 * No answer came: the connection failed or dropped (`NetworkingError`), or the signal aborted
 * first (`TimeoutError`); the underlying failure is the `cause`.
 */
export class HttpTransportError extends Error {
  constructor(
    readonly timedOut: boolean,
    cause: unknown,
  ) {
    super(timedOut ? 'The request timed out' : 'The connection failed', { cause });
    this.name = timedOut ? 'TimeoutError' : 'NetworkingError';
  }
}

interface Scheme {
  request: (
    url: URL,
    options: RequestOptions,
    answered: (res: IncomingMessage) => void,
  ) => ClientRequest;
  agent: Agent;
}

// Each scheme's module is loaded at its first request (https brings TLS): a function pays only
// for the one it uses, and nothing at import.
const schemes = new Map<string, Promise<Scheme>>();

function scheme(protocol: string): Promise<Scheme> {
  let loaded = schemes.get(protocol);
  if (!loaded) {
    if (protocol === 'https:')
      loaded = import('node:https').then((https) => ({
        request: https.request,
        agent: new https.Agent({ keepAlive: true }),
      }));
    else if (protocol === 'http:')
      loaded = import('node:http').then((http) => ({
        request: http.request,
        agent: new http.Agent({ keepAlive: true }),
      }));
    else return Promise.reject(new TypeError(`Not an http(s) URL: ${protocol}`));
    schemes.set(protocol, loaded);
  }
  return loaded;
}

/**
 * Sends one request and reads its whole answer, whatever its status.
 * @throws HttpTransportError when no whole answer came (connection failure, dropped answer,
 *   aborted signal).
 */
export async function sendHttp({
  method,
  url,
  headers,
  body,
  signal,
}: HttpRequest): Promise<HttpAnswer> {
  const target = typeof url === 'string' ? new URL(url) : url;
  const { request, agent } = await scheme(target.protocol);
  const outgoing: Record<string, string> = {};
  for (const [name, value] of headers instanceof Headers ? headers : Object.entries(headers))
    outgoing[name.toLowerCase()] = value;
  const bytes = typeof body === 'string' ? Buffer.from(body) : (body ?? undefined);
  // A declared length, never chunked encoding: S3 refuses a chunked PUT without its own
  // signed chunk format. A GET, HEAD or DELETE without a body declares none, as fetch does.
  if (bytes || !/^(GET|HEAD|DELETE|OPTIONS)$/i.test(method))
    outgoing['content-length'] = String(bytes?.byteLength ?? 0);

  if (signal?.aborted) throw new HttpTransportError(true, signal.reason);
  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: HttpAnswer | HttpTransportError) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (outcome instanceof HttpAnswer) resolve(outcome);
      else reject(outcome);
    };
    const fail = (timedOut: boolean, cause: unknown) => {
      if (settled) return;
      settle(new HttpTransportError(timedOut, cause));
      // Whatever was under way on this connection is dropped with it, never pooled half-read.
      req.destroy();
    };
    const onAbort = () => fail(true, signal!.reason);

    const req = request(target, { method, headers: outgoing, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => fail(false, error));
      res.on('close', () => fail(false, new Error('The answer was cut off')));
      res.on('end', () => {
        if (!res.complete) return fail(false, new Error('The answer was cut off'));
        // A fresh array, not a view into Node's shared buffer pool.
        const whole = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
        let at = 0;
        for (const chunk of chunks) {
          whole.set(chunk, at);
          at += chunk.byteLength;
        }
        const answerHeaders = new Headers();
        try {
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
            answerHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        } catch (error) {
          // A header no Headers can hold: as unreadable as a mangled answer.
          return fail(false, error);
        }
        settle(new HttpAnswer(res.statusCode ?? 0, answerHeaders, whole));
      });
    });
    req.on('error', (error) => fail(signal?.aborted ?? false, error));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(bytes);
  });
}
