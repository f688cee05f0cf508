import type { App, Environment } from 'aws-cdk-lib';
import { Tags } from 'aws-cdk-lib';
import { ApiStack, type PinnedVersions } from './api-stack.js';
import { DataStack } from './data-stack.js';
import { JobsStack } from './jobs-stack.js';
import { CDN_STAGE, STACK_NAMES, STAGES, type Stage } from './stages.js';
import { WebStack } from './web-stack.js';

export interface ShutterAppOptions {
  /** Account and region; left out, the templates are environment-agnostic (offline synth). */
  env?: Environment;
  corsOrigins?: readonly string[];
  pinnedVersions?: PinnedVersions;
  jwtSecretKeyArn?: string;
  /** The web stack's distribution, once deployed (read by `npm run deploy`). */
  cdnDistributionId?: string;
  webDist?: string;
}

export interface ShutterStacks {
  data: Record<Stage, DataStack>;
  api: ApiStack;
  jobs: Record<Stage, JobsStack>;
  web: WebStack;
}

/** Every Shutter stack: one data stack per stage, the shared API and the web distribution. */
export function createShutterStacks(app: App, options: ShutterAppOptions = {}): ShutterStacks {
  const env = options.env ? { env: options.env } : {};
  const corsOrigins = options.corsOrigins ?? ['*'];
  const data = Object.fromEntries(
    STAGES.map((stage) => [
      stage,
      new DataStack(app, STACK_NAMES.data(stage), {
        ...env,
        stage,
        corsOrigins,
        servedByCdn: stage === CDN_STAGE,
        description: `Shutter ${stage}: DynamoDB tables, content bucket and job queue (retained)`,
        terminationProtection: stage === 'pro',
      }),
    ]),
  ) as Record<Stage, DataStack>;
  const api = new ApiStack(app, STACK_NAMES.api, {
    ...env,
    corsOrigins,
    ...(options.pinnedVersions ? { pinnedVersions: options.pinnedVersions } : {}),
    ...(options.jwtSecretKeyArn ? { jwtSecretKeyArn: options.jwtSecretKeyArn } : {}),
    ...(options.cdnDistributionId ? { cdnDistributionId: options.cdnDistributionId } : {}),
    description: 'Shutter: Lambdas, aliases dev/pre/pro, REST API, WAF, alarms',
  });
  // Deployed after the stage's queue and the worker's alias and grants; ordering only, no exports.
  const jobs = Object.fromEntries(
    STAGES.map((stage) => {
      const stack = new JobsStack(app, STACK_NAMES.jobs(stage), {
        ...env,
        stage,
        description: `Shutter ${stage}: the content job queue feeds the worker alias ${stage}`,
      });
      stack.addDependency(data[stage]);
      stack.addDependency(api);
      return [stage, stack];
    }),
  ) as Record<Stage, JobsStack>;
  const web = new WebStack(app, STACK_NAMES.web, {
    ...env,
    api: api.api,
    contentStage: CDN_STAGE,
    corsOrigins,
    ...(options.webDist ? { webDist: options.webDist } : {}),
    description:
      'Shutter: portal bucket and CloudFront (reader site, /content*, /images/*, counter, portal)',
  });
  Tags.of(app).add('project', 'shutter');
  return { data, api, jobs, web };
}
