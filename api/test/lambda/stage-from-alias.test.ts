import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import type { Config } from '../../src/config.js';
import {
  createLambdaHandler,
  stageFromInvokedArn,
} from '../../src/lambda/create-lambda-handler.js';
import { visitsFunction } from '../../src/lambda/visits.js';
import {
  lambdaContext,
  restApiEvent,
  resultHeaders,
  type LambdaProxyResult,
} from '../support/api-gateway-events.js';
import { createCapturingLogger } from '../support/silent-logger.js';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:shutter-visits';

/** A visits handler whose stores record the config of every stage they were opened for. */
function recordingHandler(env: Record<string, string>) {
  const opened: Config[] = [];
  const handler = createLambdaHandler(visitsFunction, {
    openStores: async (config) => {
      opened.push(config);
      return createMemoryStores();
    },
    env: { LOG_LEVEL: 'silent', ...env },
    logger: createCapturingLogger(),
  });
  const invoke = async (invokedFunctionArn: string, stage: string) => {
    const event = restApiEvent({ method: 'GET', path: '/visits/default', stage });
    const context = { ...lambdaContext('shutter-visits', stage), invokedFunctionArn };
    return (await handler(event as never, context)) as LambdaProxyResult;
  };
  return { opened, invoke };
}

describe('stageFromInvokedArn', () => {
  it.each([
    [`${ARN}:dev`, 'dev'],
    [`${ARN}:pre`, 'pre'],
    [`${ARN}:pro`, 'pro'],
  ])('reads the stage from the alias in %s', (arn, stage) => {
    expect(stageFromInvokedArn(arn)).toBe(stage);
  });

  it.each([ARN, `${ARN}:$LATEST`, `${ARN}:12`, undefined])(
    'leaves %s (no alias) to the environment',
    (arn) => {
      expect(stageFromInvokedArn(arn)).toBeUndefined();
    },
  );

  it('refuses an alias that names no stage instead of guessing its data', () => {
    expect(() => stageFromInvokedArn(`${ARN}:live`)).toThrow(/alias "live" is not a stage/);
  });
});

describe('a Lambda invoked through a stage alias', () => {
  it('opens the stores of the alias stage, one app per stage, reused per stage', async () => {
    const { opened, invoke } = recordingHandler({ SHUTTER_STAGE: 'dev' });
    expect((await invoke(`${ARN}:dev`, 'dev')).statusCode).toBe(401);
    expect((await invoke(`${ARN}:pre`, 'pre')).statusCode).toBe(401);
    await invoke(`${ARN}:pre`, 'pre');
    await invoke(`${ARN}:dev`, 'dev');
    expect(opened.map((c) => [c.stage, c.tablePrefix])).toEqual([
      ['dev', 'shutter-dev-'],
      ['pre', 'shutter-pre-'],
    ]);
  });

  it('reads its environment once per alias, not on every invocation', async () => {
    const env: Record<string, string> = { LOG_LEVEL: 'silent', SHUTTER_STAGE: 'dev' };
    const handler = createLambdaHandler(visitsFunction, {
      openStores: async () => createMemoryStores(),
      env,
      logger: createCapturingLogger(),
    });
    const invoke = async () =>
      (await handler(
        restApiEvent({ method: 'GET', path: '/visits/default', stage: 'dev' }) as never,
        { ...lambdaContext('shutter-visits', 'dev'), invokedFunctionArn: `${ARN}:dev` },
      )) as LambdaProxyResult;
    expect((await invoke()).statusCode).toBe(401);
    // Read again, this would refuse the invocation (ConfigError); it is not read again.
    env.PORT = 'not-a-port';
    expect((await invoke()).statusCode).toBe(401);
  });

  it('serves pro from the pro alias even when the environment says dev', async () => {
    const { opened, invoke } = recordingHandler({ SHUTTER_STAGE: 'dev' });
    await invoke(`${ARN}:pro`, 'pro');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ stage: 'pro', tablePrefix: 'shutter-pro-' });
  });

  it('falls back to SHUTTER_STAGE for $LATEST and unqualified ARNs', async () => {
    const { opened, invoke } = recordingHandler({ SHUTTER_STAGE: 'pre' });
    await invoke(`${ARN}:$LATEST`, 'pre');
    await invoke(ARN, 'pre');
    expect(opened.map((c) => c.stage)).toEqual(['pre']);
  });

  it('fails an invocation through an unknown alias, naming it in the log, and opens nothing', async () => {
    const { opened, invoke } = recordingHandler({ SHUTTER_STAGE: 'dev' });
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      await expect(invoke(`${ARN}:live`, 'live')).rejects.toThrow(/not a stage/);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toMatch(/alias "live"/);
    expect(opened).toEqual([]);
  });

  it('answers 503 problem+json while a stage cannot start, retrying it without disturbing the others', async () => {
    let failPre = true;
    const opened: string[] = [];
    const logger = createCapturingLogger();
    const handler = createLambdaHandler(visitsFunction, {
      openStores: async (config) => {
        if (config.stage === 'pre' && failPre) throw new Error('pre tables unreachable');
        opened.push(config.stage);
        return createMemoryStores();
      },
      env: { LOG_LEVEL: 'silent', SHUTTER_STAGE: 'dev', SHUTTER_CORS_ORIGINS: '*' },
      logger,
    });
    const call = async (stage: string) =>
      (await handler(
        restApiEvent({
          method: 'GET',
          path: '/visits/default',
          stage,
          headers: { Origin: 'https://blog.example' },
        }) as never,
        { ...lambdaContext('shutter-visits', stage), invokedFunctionArn: `${ARN}:${stage}` },
      )) as LambdaProxyResult;
    await call('dev');
    const refused = await call('pre');
    expect(refused.statusCode).toBe(503);
    const headers = resultHeaders(refused);
    expect(headers['content-type']).toBe('application/problem+json');
    expect(headers['access-control-allow-origin']).toBe('*');
    expect(headers['retry-after']).toBe('1');
    const problem = JSON.parse(refused.body) as { type: string; requestId: string };
    expect(problem.type).toMatch(/\/unavailable$/);
    expect(headers['x-request-id']).toBe(problem.requestId);
    // The reason is in the log, with the request's access line; not in the answer.
    expect(refused.body).not.toMatch(/unreachable/);
    const coldStart = logger.lines.find((l) => /cold start failed/.test(String(l.msg)));
    expect(JSON.stringify(coldStart)).toMatch(/pre tables unreachable/);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ msg: 'request', status: 503, requestId: problem.requestId }),
    );
    failPre = false;
    await call('pre');
    await call('dev');
    expect(opened).toEqual(['dev', 'pre']);
  });
});
