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
  web: 'Shutter-Web',
} as const;

/** The SSM parameter holding a stage's JWT secret, created out of band (docs/deploy.md). */
export function jwtSecretParameterName(stage: Stage): string {
  return `/shutter/${stage}/jwt-secret`;
}
