import { STATUS_CODES } from 'node:http';
import { PROBLEM_BASE } from '../http/problem.js';

/** A request node's HTTP parser refused before any handler saw it. */
export interface ClientErrorAnswer {
  status: number;
  slug: string;
  /** The parser's code, e.g. `HPE_HEADER_OVERFLOW`, for the log line. */
  code: string;
  /** The parser's own short reason, e.g. `Invalid character in chunk size`. */
  reason: string;
  /** The whole HTTP/1.1 response to write on the socket, problem+json body included. */
  raw: string;
}

// The statuses node itself would answer (lib/_http_server.js), with the problem types we use.
const BY_CODE: Record<string, { status: number; slug: string; title: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    slug: 'header-fields-too-large',
    title: 'Request header fields too large',
    detail: 'The request line and headers together are over the server’s limit',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    slug: 'payload-too-large',
    title: 'Payload too large',
    detail: 'The chunk extensions are over the server’s limit',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    slug: 'request-timeout',
    title: 'Request timeout',
    detail: 'The request did not arrive in time',
  },
};

const BAD_REQUEST = {
  status: 400,
  slug: 'bad-request',
  title: 'Bad request',
  detail: 'The request is not valid HTTP/1.1 and could not be read',
};

/**
 * The answer to an error from node's HTTP parser (`clientError`): the status node would send, but
 * with a problem+json body, and `Connection: close`, since the rest of the stream cannot be
 * trusted to be framed as the client meant.
 */
export function clientErrorAnswer(
  error: Error & { code?: string; reason?: string },
): ClientErrorAnswer {
  const code = error.code ?? 'UNKNOWN';
  const known = BY_CODE[code] ?? BAD_REQUEST;
  const body = JSON.stringify({
    type: PROBLEM_BASE + known.slug,
    title: known.title,
    status: known.status,
    detail: known.detail,
  });
  const raw =
    `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\n` +
    'Content-Type: application/problem+json\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Cache-Control: no-store\r\n' +
    'X-Content-Type-Options: nosniff\r\n' +
    'Connection: close\r\n' +
    '\r\n' +
    body;
  return {
    status: known.status,
    slug: known.slug,
    code,
    // The reason is the parser's fixed text, never bytes of the request, so it is safe to log.
    reason: error.reason ?? error.message,
    raw,
  };
}
