// `npm run promote -- --from pre --to pro`: moves each function's `pro` alias to the version `pre`
// runs. Publishes nothing. Prints how to move each alias back.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { parsePromoteArgs, promote, PromoteError } from '../lib/promote.js';

try {
  const options = parsePromoteArgs(process.argv.slice(2));
  const promotions = await promote(new LambdaClient({}), options);
  for (const p of promotions) {
    console.log(
      p.changed
        ? `${p.functionName}:${p.to}  ${p.previousVersion} -> ${p.version}   rollback: aws lambda update-alias --function-name ${p.functionName} --name ${p.to} --function-version ${p.previousVersion}`
        : `${p.functionName}:${p.to}  already at ${p.version}`,
    );
  }
} catch (error) {
  if (!(error instanceof PromoteError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
