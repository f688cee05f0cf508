import { assertBlobKey, assertBlobMetadata, assertBlobPrefix } from '../../domain/blob-key.js';
import type { BlobHead, BlobListEntry, BlobStore } from '../../ports/blob-store.js';
import {
  environmentCredentials,
  environmentEndpoint,
  environmentRegion,
  type AwsCredentialsProvider,
} from '../aws/aws-credentials.js';
import {
  AwsServiceError,
  createAwsSend,
  type AwsRequestInit,
  type AwsSend,
} from '../aws/aws-request.js';
import type { HttpAnswer } from '../aws/http-transport.js';
import { isS3NotFound, translateS3Error } from './translate-s3-error.js';

export interface S3BlobStoreOptions {
  bucket: string;
  region?: string;
  credentials?: AwsCredentialsProvider;
  /**
   * An S3-compatible endpoint (an emulator such as s3rver), addressed path-style (`{endpoint}/
   * {bucket}/{key}`); `AWS_ENDPOINT_URL_S3` by default. Without one, the bucket's virtual-hosted
   * AWS endpoint (`https://{bucket}.s3.{region}.amazonaws.com/{key}`).
   */
  endpoint?: string;
  /** The deadline of one request, retries included (see `createAwsSend`). */
  timeoutMs?: number;
  /**
   * Lists keys (`createS3BlobLister`, by the AWS SDK). Only the worker lists; without it, `list`
   * fails loudly, as a wiring mistake.
   */
  list?: (prefix: string) => AsyncIterable<BlobListEntry>;
}

const META_PREFIX = 'x-amz-meta-';

/**
 * The blob store on AWS: one S3 object per blob, by S3's REST API signed with aws4fetch and sent
 * over node:https (no SDK: the controller functions' bundles stay small). Bodies are whole byte
 * arrays both ways, as the port has them. A PutObject is atomic and strongly consistent on
 * S3, which is all the port asks. Throttling, server errors and no answer become
 * `UnavailableError`; a missing key is `undefined`.
 */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  const { bucket } = options;
  let client: { send: AwsSend; base: string } | undefined;

  /** Made at the first request, once the function's environment has been read. */
  function s3() {
    if (!client) {
      const region = options.region ?? environmentRegion();
      const endpoint = options.endpoint?.replace(/\/+$/, '') ?? environmentEndpoint('s3');
      client = {
        send: createAwsSend({
          service: 's3',
          region,
          credentials: options.credentials ?? environmentCredentials(),
          ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        }),
        base: endpoint ? `${endpoint}/${bucket}/` : `https://${bucket}.s3.${region}.amazonaws.com/`,
      };
    }
    return client;
  }

  async function request(key: string, init: AwsRequestInit): Promise<HttpAnswer> {
    const { send, base } = s3();
    const response = await send(base + encodeKey(key), init);
    if (!response.ok) throw s3Error(response);
    return response;
  }

  return {
    async put(key, bytes, put) {
      assertBlobKey(key);
      assertBlobMetadata(put.metadata ?? {});
      const headers: Record<string, string> = { 'Content-Type': put.contentType };
      if (put.cacheControl !== undefined) headers['Cache-Control'] = put.cacheControl;
      for (const [name, value] of Object.entries(put.metadata ?? {}))
        headers[META_PREFIX + name] = value;
      try {
        // The bytes are sent whole, with their length (S3 refuses a chunked PUT).
        const response = await request(key, { method: 'PUT', headers, body: bytes });
        return { etag: response.headers.get('etag') ?? '' };
      } catch (error) {
        throw translateS3Error(error);
      }
    },

    async get(key) {
      assertBlobKey(key);
      try {
        const response = await request(key, { method: 'GET' });
        const bytes = response.body;
        return { ...headOf(key, response.headers), size: bytes.byteLength, bytes };
      } catch (error) {
        if (isS3NotFound(error)) return undefined;
        throw translateS3Error(error);
      }
    },

    async head(key) {
      assertBlobKey(key);
      try {
        return headOf(key, (await request(key, { method: 'HEAD' })).headers);
      } catch (error) {
        if (isS3NotFound(error)) return undefined;
        throw translateS3Error(error);
      }
    },

    async delete(key) {
      assertBlobKey(key);
      try {
        // S3 answers 204 for a missing key too.
        await request(key, { method: 'DELETE' });
      } catch (error) {
        if (!isS3NotFound(error)) throw translateS3Error(error);
      }
    },

    async *list(prefix) {
      assertBlobPrefix(prefix);
      if (!options.list)
        throw new Error(
          'This function does not list the content bucket (only the worker does, with the SDK)',
        );
      yield* options.list(prefix);
    },
  };
}

/** A key as a URL path: each segment percent-encoded as SigV4 wants it (RFC 3986). */
function encodeKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

function headOf(key: string, headers: Headers): BlobHead {
  const metadata: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (name.startsWith(META_PREFIX)) metadata[name.slice(META_PREFIX.length)] = value;
  }
  const lastModified = headers.get('last-modified');
  return {
    key,
    size: Number(headers.get('content-length') ?? 0),
    contentType: headers.get('content-type') ?? 'application/octet-stream',
    cacheControl: headers.get('cache-control') ?? undefined,
    etag: headers.get('etag') ?? '',
    metadata,
    lastModified: lastModified ? new Date(lastModified) : new Date(0),
  };
}

/**
 * S3's error answer as an `AwsServiceError` named by its `<Code>` (`NoSuchKey`, `SlowDown`…). Only
 * the code and message are read from the small XML error document; a HEAD answer has no body, so
 * its 404 is named `NotFound` as the SDK names it.
 */
function s3Error(response: HttpAnswer): AwsServiceError {
  const text = response.text();
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? '';
  return new AwsServiceError(
    code ?? (response.status === 404 ? 'NotFound' : `Http${response.status}`),
    message,
    response.status,
  );
}
