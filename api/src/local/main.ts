import { ConfigError, loadConfig, type Config } from '../config.js';
import { systemClock } from '../ports/clock.js';
import { createServices } from '../services/create-services.js';
import { ensureFirstAdmin, ensureFirstApiKey } from '../services/first-run.js';
import { loadDemoReviews } from '../services/demo-reviews.js';
import { createLogger } from '../adapters/logging/pino-logger.js';
import { openStores } from './open-stores.js';
import { startServer } from './server.js';
import {
  createInProcessContentWorker,
  type InProcessContentWorker,
} from '../services/content-pipeline/in-process-worker.js';
import { readIndexPointer } from '../services/content-pipeline/index-pointer.js';
import {
  assertPortFree,
  checkDataDirectory,
  markDataDirectoryInitialised,
  StartError,
} from './start-checks.js';
import { databasePath } from '../adapters/sqlite/database-path.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

function printOnce(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length));
  const rule = '─'.repeat(width + 2);
  console.log([`┌${rule}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${rule}┘`].join('\n'));
}

/** Runs the checks that must pass before anything is created or printed; exits on failure. */
async function checkBeforeStart(config: Config): Promise<void> {
  try {
    await assertPortFree(config.host, config.port);
    checkDataDirectory(config, databasePath(config.dataDir));
  } catch (error) {
    if (error instanceof StartError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const logger = createLogger(config.logLevel);
await checkBeforeStart(config);
const stores = await openStores(config, logger);
// The content pipeline's worker runs in this process; a review write wakes it.
// Built after the services it serves; the write path reaches it through this holder.
const late: { contentWorker?: InProcessContentWorker } = {};
const services = createServices(stores, systemClock, {
  stage: config.stage,
  revisionsKept: config.revisionsKept,
  afterContentQueued: () => late.contentWorker?.worker.wake(),
});
const contentWorker = (late.contentWorker = createInProcessContentWorker(
  stores,
  systemClock,
  logger,
  services.content,
  { revisionsKept: config.revisionsKept },
));

const firstKey = await ensureFirstApiKey(services.apiKeys);
const firstAdmin = await ensureFirstAdmin(services.users);
// The reader pages count themselves with this key (after the first key: that one is made only
// on a store without keys). Made on any start without one, so older data directories get it too.
await services.siteCounter.ensureKey();

let loadedDemo = 0;
if (config.demo) {
  loadedDemo = await loadDemoReviews(stores.reviews, systemClock);
  if (loadedDemo > 0)
    logger.info(
      { loaded: loadedDemo },
      `Loaded ${loadedDemo} demo reviews (SHUTTER_DEMO=0 skips them)`,
    );
}
// A store without an index yet (the first start, demo reviews just loaded, data from before
// the pipeline existed), or whose index is of an older artifact format (written by an older
// version), is materialised now, before the first request, not by it.
if (
  loadedDemo > 0 ||
  !(await readIndexPointer(stores.blobs)) ||
  (await services.content.warm()).outdated
) {
  const queued = await contentWorker.pipeline.reconcile();
  await contentWorker.drain();
  if (queued > 0) logger.info({ reviews: queued }, `Materialised ${queued} published reviews`);
}
contentWorker.worker.start();
await services.content.warm();

const server = await startServer(config, services, logger, stores.checkHealth, stores.jobConsumer);
// Shown only once the server listens, so that a start that fails never prints credentials.
if (firstKey) {
  printOnce([
    'First run: an API key for the "default" visitor counter.',
    'It is shown only this once; store it now.',
    '',
    `  x-api-key: ${firstKey.key}`,
    '',
    `More keys: npm run --silent keys -- create --name NAME --scope 'default,review-*'`,
  ]);
}

if (firstAdmin) {
  printOnce([
    'First run: an admin account for the API (POST /auth/login).',
    'The password is shown only this once; store it now.',
    '',
    `  email:    ${firstAdmin.email}`,
    `  password: ${firstAdmin.password}`,
    '',
    `Lost it? npm run --silent admin -- reset-password ${firstAdmin.email}`,
  ]);
}

markDataDirectoryInitialised(config.dataDir);
logger.info(
  { url: server.url, store: config.store, dataDir: config.dataDir, stage: config.stage },
  `Shutter listening on ${server.url}`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  const force = setTimeout(() => {
    logger.error({}, 'in-flight requests did not finish in 10 s; exiting');
    logger.flush();
    process.exit(1);
  }, 10_000);
  force.unref();
  await server.close();
  // The job in hand finishes (and is acknowledged) before the database closes.
  await contentWorker?.worker.stop();
  await stores.close();
  logger.info({}, 'stopped');
  logger.flush();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
