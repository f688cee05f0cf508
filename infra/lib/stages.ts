/** The deployment stages: each is an API Gateway stage, a Lambda alias and a set of tables. */
export const STAGES = ['dev', 'pre', 'pro'] as const;
export type Stage = (typeof STAGES)[number];

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

/** CloudFormation stack names, fixed so the deploy and promote scripts can name them. */
export const STACK_NAMES = {
  data: (stage: Stage) => `Shutter-Data-${stage}`,
  api: 'Shutter-Api',
  jobs: (stage: Stage) => `Shutter-Jobs-${stage}`,
  web: 'Shutter-Web',
} as const;

/** The SSM parameter holding a stage's JWT secret, created out of band (docs/deploy.md). */
export function jwtSecretParameterName(stage: Stage): string {
  return `/shutter/${stage}/jwt-secret`;
}

/** The stage the web stack's distribution serves: its API stage and its content bucket's photos. */
export const CDN_STAGE: Stage = 'pro';

/**
 * The SSM parameter where the web stack leaves its distribution's id, for `npm run deploy` to hand
 * to the API stack (which the web stack depends on, so it cannot reference the distribution).
 */
export const CDN_DISTRIBUTION_PARAMETER = '/shutter/web/cdn-distribution-id';
