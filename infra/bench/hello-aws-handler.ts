// A second floor of the bundle bench: the hello-world, plus the two AWS calls the visits function
// must make before it can answer its first request (the origin secret from SSM, the API key from
// DynamoDB), through Shutter's own light AWS client (api/src/adapters/aws). No function that makes
// those calls can start faster than this; `npm run bench:bundles` shows where it stands against
// the hello-world alone.
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createAwsJsonClient } from '../../api/src/adapters/aws/aws-request.js';

const ssm = createAwsJsonClient('ssm', '1.1');
const dynamodb = createAwsJsonClient('dynamodb', '1.0');

const app = new Hono();
app.get('/', async (c) => {
  // At the same time: the least the two can cost together.
  await Promise.all([
    ssm('AmazonSSM.GetParameter', { Name: '/shutter/bench/hello', WithDecryption: true }),
    dynamodb('DynamoDB_20120810.ListTables', { Limit: 1 }),
  ]);
  return c.json({ hello: 'world' });
});

export const handler = handle(app);
