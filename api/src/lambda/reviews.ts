import { createLambdaHandler } from './create-lambda-handler.js';
import { openLambdaStores } from './open-lambda-stores.js';

export const handler = createLambdaHandler(['reviews'], { openStores: openLambdaStores });
