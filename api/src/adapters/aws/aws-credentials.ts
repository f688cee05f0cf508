/** What SigV4 signs a request with. The AWS SDK's credential identities have this shape too. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present for temporary credentials (a role's, as on Lambda). */
  sessionToken?: string;
}

/**
 * Where the credentials come from, asked before each request so that expiring credentials stay
 * fresh. The AWS SDK's providers (e.g. `fromNodeProviderChain()` of the default chain) fit this
 * type, for entry points that run outside Lambda.
 */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** A setting the environment lacks, named, so a cold start says what is missing. */
function required(env: NodeJS.ProcessEnv, ...names: string[]): string {
  for (const name of names) {
    const value = env[name];
    if (value) return value;
  }
  throw new Error(`${names.join(' or ')} is not set: no AWS ${names[0]} to sign requests with`);
}

/**
 * The credentials the Lambda runtime puts in the environment (the function's role, for the life
 * of the instance): `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`. Read at
 * each call, not at import, so the light clients need no credential provider chain (which would
 * bring the SDK's STS and SSO clients into the bundle).
 */
export function environmentCredentials(
  env: NodeJS.ProcessEnv = process.env,
): AwsCredentialsProvider {
  return () =>
    Promise.resolve({
      accessKeyId: required(env, 'AWS_ACCESS_KEY_ID'),
      secretAccessKey: required(env, 'AWS_SECRET_ACCESS_KEY'),
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    });
}

/** The region the Lambda runtime runs in (`AWS_REGION`; `AWS_DEFAULT_REGION` as the CLI has it). */
export function environmentRegion(env: NodeJS.ProcessEnv = process.env): string {
  return required(env, 'AWS_REGION', 'AWS_DEFAULT_REGION');
}

/**
 * An endpoint the environment sets for one service (`AWS_ENDPOINT_URL_S3`, `…_SQS`, `…_SSM`) or
 * for all (`AWS_ENDPOINT_URL`), as the AWS SDK reads them: an emulator in tests and locally.
 * Without a trailing slash; `undefined` on AWS.
 */
export function environmentEndpoint(
  serviceId: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const endpoint = env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase()}`] || env.AWS_ENDPOINT_URL;
  return endpoint ? endpoint.replace(/\/+$/, '') : undefined;
}
