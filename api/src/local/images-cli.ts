import { parseArgs } from 'node:util';
import { createLogger } from '../adapters/logging/pino-logger.js';
import { ConfigError, loadConfig } from '../config.js';
import { systemClock } from '../ports/clock.js';
import { createInProcessContentWorker } from '../services/content-pipeline/in-process-worker.js';
import { regenerateImages } from '../services/images/regenerate-images.js';
import { openStores } from './open-stores.js';

const USAGE = `Usage:
  images regenerate [--queue-only]

Queues the processing job again for every ready photo, so that a changed width ladder or
encoder setting (api/src/domain/image.ts, process-image.ts) reaches every photo: new variants are
written under new content-hash names, the records and published documents point to them, and the
old files are deleted. Runs the jobs here unless --queue-only (then a running server's worker
does, on SQLite).`;

function fail(message: string, code = 1): never {
  console.error(code === 2 ? `${message}\n\n${USAGE}` : message);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      'queue-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail((error as Error).message, 2);
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'regenerate')
  fail('Name a command: regenerate', 2);

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const logger = createLogger(config.logLevel);
const stores = await openStores(config, logger);
try {
  const queued = await regenerateImages(stores);
  console.log(`Queued ${queued} photo${queued === 1 ? '' : 's'} for processing.`);
  if (!parsed.values['queue-only'] && queued > 0) {
    if (!stores.jobConsumer)
      fail('This queue is drained by the worker Lambda; the jobs are queued.');
    await createInProcessContentWorker(stores, systemClock, logger).drain();
    console.log('Done: every queued photo was processed.');
  }
} finally {
  await stores.close();
}
