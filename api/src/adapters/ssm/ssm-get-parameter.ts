import {
  environmentCredentials,
  environmentEndpoint,
  environmentRegion,
  type AwsCredentialsProvider,
} from '../aws/aws-credentials.js';
import { callAwsJson, createAwsFetch, type AwsFetch } from '../aws/aws-request.js';

/** Reads one parameter's value; `undefined` when it has none. */
export type GetParameter = (
  name: string,
  options?: { decrypt?: boolean },
) => Promise<string | undefined>;

export interface SsmClientOptions {
  region?: string;
  credentials?: AwsCredentialsProvider;
  /** SSM's endpoint; `AWS_ENDPOINT_URL_SSM` or `https://ssm.{region}.amazonaws.com` by default. */
  endpoint?: string;
  /** The deadline of one read, retries included (see `createAwsFetch`). */
  timeoutMs?: number;
}

/**
 * SSM's `GetParameter` over its JSON protocol (`AmazonSSM.GetParameter`,
 * `application/x-amz-json-1.1`), signed by aws4fetch: the one SSM action the Lambdas use, without
 * the SDK's client (about 300 KB of a bundle with its credential chain). The region, credentials
 * and endpoint come from the environment unless given.
 * @throws AwsServiceError named as SSM names it (`ParameterNotFound`, `ThrottlingException`…).
 */
export function createSsmGetParameter(options: SsmClientOptions = {}): GetParameter {
  let send: AwsFetch | undefined;
  let endpoint: string | undefined;
  return async (name, { decrypt = false } = {}) => {
    // Made at the first read, so that a function builds it only once its environment is read.
    if (!send) {
      const region = options.region ?? environmentRegion();
      endpoint =
        options.endpoint ?? environmentEndpoint('ssm') ?? `https://ssm.${region}.amazonaws.com`;
      send = createAwsFetch({
        service: 'ssm',
        region,
        credentials: options.credentials ?? environmentCredentials(),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      });
    }
    const output = await callAwsJson<{ Parameter?: { Value?: string } }>(
      send,
      `${endpoint}/`,
      'AmazonSSM.GetParameter',
      '1.1',
      { Name: name, WithDecryption: decrypt },
    );
    return output.Parameter?.Value;
  };
}
