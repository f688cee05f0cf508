import { createAwsJsonClient, type AwsClientOptions } from '../aws/aws-request.js';

/** Reads one parameter's value; `undefined` when it has none. */
export type GetParameter = (
  name: string,
  options?: { decrypt?: boolean },
) => Promise<string | undefined>;

/**
 * SSM's `GetParameter` over its JSON protocol (`AmazonSSM.GetParameter`,
 * `application/x-amz-json-1.1`), signed by aws4fetch: the one SSM action the Lambdas use, without
 * the SDK's client (about 300 KB of a bundle with its credential chain). The region, credentials
 * and endpoint (`AWS_ENDPOINT_URL_SSM`) come from the environment unless given.
 * @throws AwsServiceError named as SSM names it (`ParameterNotFound`, `ThrottlingException`…).
 */
export function createSsmGetParameter(options: AwsClientOptions = {}): GetParameter {
  const ssm = createAwsJsonClient('ssm', '1.1', options);
  return async (name, { decrypt = false } = {}) => {
    const output = await ssm<{ Parameter?: { Value?: string } }>('AmazonSSM.GetParameter', {
      Name: name,
      WithDecryption: decrypt,
    });
    return output.Parameter?.Value;
  };
}
