import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/**
 * Client settings for the local server. Against an endpoint outside AWS (dynalite, DynamoDB
 * Local) any region and credentials will do, so placeholders fill in whatever the environment
 * leaves unset; against AWS itself nothing is invented and the SDK's own chain applies.
 */
export function localDynamoDbClientConfig(
  endpoint: string | undefined,
  env: Record<string, string | undefined> = process.env,
): DynamoDBClientConfig {
  if (!endpoint) return {};
  const hasRegion = Boolean(env.AWS_REGION || env.AWS_DEFAULT_REGION);
  const hasCredentials = Boolean(
    (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) || env.AWS_PROFILE,
  );
  return {
    endpoint,
    ...(hasRegion ? {} : { region: 'local' }),
    ...(hasCredentials ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  };
}
