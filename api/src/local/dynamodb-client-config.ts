import type {
  CredentialsProvider,
  DynamoDbHttpClientOptions,
} from '../adapters/dynamodb/dynamodb-http-client.js';

/**
 * The SDK's default credentials chain, loaded at its first use: a server on SQLite, or on an
 * emulator with placeholder credentials, never loads it.
 */
function sdkDefaultChain(): CredentialsProvider {
  let provider: Promise<CredentialsProvider> | undefined;
  return async () => {
    provider ??= import('@aws-sdk/credential-provider-node').then((m) => m.defaultProvider());
    return (await provider)();
  };
}

/**
 * Client settings for the local server and the command line. Against an endpoint outside AWS
 * (dynalite, DynamoDB Local) any region and credentials will do, so placeholders fill in whatever
 * the environment leaves unset; against AWS itself nothing is invented: the region comes from
 * `AWS_REGION` (or `AWS_DEFAULT_REGION`) and the credentials from the SDK's default chain
 * (`defaultProvider`, what `fromNodeProviderChain` wraps: environment, profile, SSO, process,
 * instance role), which only local entry points load: the
 * Lambda bundles read the environment alone.
 * @param chain the credentials chain; the SDK's by default (tests pass their own).
 */
export function localDynamoDbClientConfig(
  endpoint: string | undefined,
  env: Record<string, string | undefined> = process.env,
  chain: () => CredentialsProvider = sdkDefaultChain,
): DynamoDbHttpClientOptions {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  if (!endpoint) return { region, credentials: chain() };
  const hasCredentials = Boolean(
    (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) || env.AWS_PROFILE,
  );
  return {
    endpoint,
    region: region ?? 'local',
    credentials: hasCredentials ? chain() : { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}
