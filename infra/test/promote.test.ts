import {
  GetAliasCommand,
  LambdaClient,
  ResourceNotFoundException,
  UpdateAliasCommand,
} from '@aws-sdk/client-lambda';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { FUNCTION_IDS, functionName } from '../lib/access-matrix.js';
import { deployCommand, parseDeployArgs, readCdnDistributionId } from '../lib/deploy-command.js';
import { parsePromoteArgs, promote, PromoteError, readPinnedVersions } from '../lib/promote.js';

const lambda = mockClient(LambdaClient);

/** Aliases as Lambda would hold them: function name → alias → version. */
let aliases: Record<string, Record<string, string>>;

function serveAliases() {
  lambda.on(GetAliasCommand).callsFake((input: { FunctionName: string; Name: string }) => {
    const version = aliases[input.FunctionName]?.[input.Name];
    if (version === undefined) {
      throw new ResourceNotFoundException({ message: 'Alias not found', $metadata: {} });
    }
    return {
      Name: input.Name,
      FunctionVersion: version,
      RevisionId: `rev-${input.Name}-${version}`,
    };
  });
  lambda
    .on(UpdateAliasCommand)
    .callsFake((input: { FunctionName: string; Name: string; FunctionVersion: string }) => {
      aliases[input.FunctionName]![input.Name] = input.FunctionVersion;
      return { Name: input.Name, FunctionVersion: input.FunctionVersion };
    });
}

beforeEach(() => {
  lambda.reset();
  aliases = Object.fromEntries(
    FUNCTION_IDS.map((fn, i) => [
      functionName(fn),
      { dev: `${10 + i}`, pre: `${8 + i}`, pro: `${7 + i}` },
    ]),
  );
  serveAliases();
});

const client = () => new LambdaClient({ region: 'eu-west-1' });

describe('promote', () => {
  it('moves every pro alias to the version pre runs, publishing nothing', async () => {
    const result = await promote(client(), { from: 'pre', to: 'pro' });
    for (const [i, fn] of FUNCTION_IDS.entries()) {
      expect(aliases[functionName(fn)]).toEqual({
        dev: `${10 + i}`,
        pre: `${8 + i}`,
        pro: `${8 + i}`,
      });
    }
    expect(result.map((p) => [p.functionName, p.previousVersion, p.version, p.changed])).toEqual(
      FUNCTION_IDS.map((fn, i) => [functionName(fn), `${7 + i}`, `${8 + i}`, true]),
    );
    const updates = lambda.commandCalls(UpdateAliasCommand).map((c) => c.args[0].input);
    expect(updates).toHaveLength(FUNCTION_IDS.length);
    expect(updates[0]).toEqual({
      FunctionName: 'shutter-visits',
      Name: 'pro',
      FunctionVersion: '8',
      RevisionId: 'rev-pro-7',
    });
    expect(
      lambda
        .calls()
        .map((c) => c.args[0].constructor.name)
        .filter((n) => /Publish|Create/.test(n)),
    ).toEqual([]);
  });

  it('leaves an alias that is already there alone', async () => {
    aliases['shutter-content']!.pro = aliases['shutter-content']!.pre!;
    const result = await promote(client(), { from: 'pre', to: 'pro' });
    expect(result.find((p) => p.functionName === 'shutter-content')!.changed).toBe(false);
    expect(lambda.commandCalls(UpdateAliasCommand)).toHaveLength(FUNCTION_IDS.length - 1);
  });

  it('changes nothing when one alias is missing', async () => {
    delete aliases['shutter-reviews']!.pre;
    await expect(promote(client(), { from: 'pre', to: 'pro' })).rejects.toThrow(
      /shutter-reviews:pre does not exist/,
    );
    expect(lambda.commandCalls(UpdateAliasCommand)).toHaveLength(0);
  });

  it('refuses to promote $LATEST, which is not a fixed version', async () => {
    aliases['shutter-visits']!.dev = '$LATEST';
    await expect(promote(client(), { from: 'dev', to: 'pre' })).rejects.toThrow(/\$LATEST/);
    expect(lambda.commandCalls(UpdateAliasCommand)).toHaveLength(0);
  });

  it('reads --from and --to, refusing dev as a target and equal stages', () => {
    expect(parsePromoteArgs(['--from', 'pre', '--to', 'pro'])).toEqual({ from: 'pre', to: 'pro' });
    expect(() => parsePromoteArgs(['--from', 'pre', '--to', 'dev'])).toThrow(PromoteError);
    expect(() => parsePromoteArgs(['--from', 'pro', '--to', 'pro'])).toThrow(/both pro/);
    expect(() => parsePromoteArgs(['--from', 'qa', '--to', 'pro'])).toThrow(/usage/);
    expect(() => parsePromoteArgs([])).toThrow(/usage/);
  });
});

describe('deploy', () => {
  it('pins pre and pro where they are, skipping aliases not created yet', async () => {
    delete aliases['shutter-accounts']!.pre;
    delete aliases['shutter-content'];
    delete aliases['shutter-worker'];
    const pinned = await readPinnedVersions(client());
    expect(pinned).toEqual({
      pre: { visits: '8', reviews: '10' },
      pro: { visits: '7', accounts: '8', reviews: '9' },
    });
  });

  it('deploys the stage data, its jobs wiring and the stateless stacks with the pins as context', () => {
    const options = parseDeployArgs(['--stage', 'pre', '--require-approval', 'never']);
    expect(deployCommand(options, { pinned: { pro: { visits: '7' } } })).toEqual([
      'cdk',
      'deploy',
      'Shutter-Data-pre',
      'Shutter-Api',
      'Shutter-Jobs-pre',
      'Shutter-Web',
      '--context',
      'pinnedVersions={"pro":{"visits":"7"}}',
      '--require-approval',
      'never',
    ]);
    expect(() => parseDeployArgs(['--stage', 'qa'])).toThrow(/usage/);
  });

  it('passes the distribution id when known; redeploys only the API stack with it', () => {
    const options = parseDeployArgs(['--stage', 'dev']);
    const context = { pinned: {}, cdnDistributionId: 'E2ABCDEF123456' };
    expect(deployCommand(options, context)).toEqual([
      'cdk',
      'deploy',
      'Shutter-Data-dev',
      'Shutter-Api',
      'Shutter-Jobs-dev',
      'Shutter-Web',
      '--context',
      'pinnedVersions={}',
      '--context',
      'cdnDistributionId=E2ABCDEF123456',
    ]);
    expect(deployCommand(options, context, { apiOnly: true })).toEqual([
      'cdk',
      'deploy',
      'Shutter-Api',
      '--context',
      'pinnedVersions={}',
      '--context',
      'cdnDistributionId=E2ABCDEF123456',
    ]);
  });

  it('reads the distribution id the web stack left in SSM, if any', async () => {
    const ssm = mockClient(SSMClient);
    ssm
      .on(GetParameterCommand, { Name: '/shutter/web/cdn-distribution-id' })
      .resolves({ Parameter: { Value: 'E2ABCDEF123456' } });
    expect(await readCdnDistributionId(new SSMClient({}))).toBe('E2ABCDEF123456');
    ssm.reset();
    ssm
      .on(GetParameterCommand)
      .rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
    expect(await readCdnDistributionId(new SSMClient({}))).toBeUndefined();
    ssm.reset();
    ssm.on(GetParameterCommand).rejects(new Error('AccessDenied'));
    await expect(readCdnDistributionId(new SSMClient({}))).rejects.toThrow('AccessDenied');
    ssm.restore();
  });
});
