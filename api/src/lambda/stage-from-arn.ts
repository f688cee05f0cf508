import { ConfigError } from '../config.js';

/** The stages a Lambda alias may name; `local` never runs on Lambda. */
const ALIAS_STAGES = ['dev', 'pre', 'pro'] as const;
export type AliasStage = (typeof ALIAS_STAGES)[number];

/**
 * The stage an invocation serves, read from the ARN it was invoked through: API Gateway calls
 * `…:function:shutter-visits:pre`, so the qualifier is the alias and the alias is the stage.
 * Returns undefined for an unqualified ARN, `$LATEST` or a version number, where the
 * environment's `SHUTTER_STAGE` decides.
 * @throws ConfigError for an alias that names no stage, rather than guessing which data it means.
 */
export function stageFromInvokedArn(arn: string | undefined): AliasStage | undefined {
  // arn:aws:lambda:region:account:function:name[:qualifier]
  const qualifier = arn?.split(':')[7];
  if (qualifier === undefined || qualifier === '$LATEST' || /^\d+$/.test(qualifier)) {
    return undefined;
  }
  if ((ALIAS_STAGES as readonly string[]).includes(qualifier)) return qualifier as AliasStage;
  throw new ConfigError([
    `Lambda alias "${qualifier}" is not a stage: invoke through ${ALIAS_STAGES.join(', ')}`,
  ]);
}
