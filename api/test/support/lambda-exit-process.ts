/**
 * A Lambda instance's last moments, for the lost-log-line test (api/test/lambda/log-lines.test.ts):
 * one invocation of the visits handler, built as the entry builds it (the logger is the handler's
 * own choice), and the process is killed in the same tick its promise resolves, with no chance to
 * run exit handlers or pending I/O callbacks, as when Lambda freezes or recycles the instance. `SHUTTER_TEST_ASYNC_LOGGER=1` hands it the server's asynchronous
 * logger instead, to show what is lost then.
 */
import { createLogger } from '../../src/adapters/logging/pino-logger.js';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { createLambdaHandler } from '../../src/lambda/create-lambda-handler.js';
import { visitsFunction } from '../../src/lambda/visits.js';
import { lambdaContext, restApiEvent } from './api-gateway-events.js';

const handler = createLambdaHandler(visitsFunction, {
  openStores: async () => createMemoryStores(),
  env: { SHUTTER_STAGE: 'dev', LOG_LEVEL: 'info' },
  ...(process.env.SHUTTER_TEST_ASYNC_LOGGER === '1' ? { logger: createLogger('info') } : {}),
});

void handler(
  restApiEvent({
    method: 'GET',
    path: '/visits/default',
    // A header value no Request accepts: the invocation logs a warning, then its access line, so
    // an asynchronous logger still has the second one queued behind the first when it returns.
    headers: { 'x-request-id': 'req-last-words', 'x-broken': 'one\r\ntwo' },
  }) as never,
  lambdaContext(),
).then(() => process.kill(process.pid, 'SIGKILL'));
