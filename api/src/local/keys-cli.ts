import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { DomainError, ValidationError } from '../domain/errors.js';
import { systemClock } from '../ports/clock.js';
import { createServices } from '../services/create-services.js';
import { openStores } from './open-stores.js';

const USAGE = `Usage:
  keys create --name NAME --scope 'default,review-*' [--rate N] [--burst N] [--json]
  keys list [--json]
  keys revoke ID [--json]

Works on the data directory of SHUTTER_DATA_DIR (default ./data), also while the server runs.`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        scope: { type: 'string' },
        rate: { type: 'string' },
        burst: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
})();

const [command, ...rest] = positionals;
if (values.help || !command) fail(USAGE, values.help ? 0 : 2);

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const stores = await openStores(config);
const { apiKeys } = createServices(stores, systemClock);
const print = (json: unknown, text: string) =>
  console.log(values.json ? JSON.stringify(json) : text);
const optionalNumber = (value: string | undefined) =>
  value === undefined ? undefined : Number(value);

try {
  switch (command) {
    case 'create': {
      if (!values.name || !values.scope) fail(`create needs --name and --scope\n\n${USAGE}`, 2);
      const rateLimit = Object.fromEntries(
        Object.entries({
          perSecond: optionalNumber(values.rate),
          burst: optionalNumber(values.burst),
        }).filter(([, v]) => v !== undefined),
      );
      const created = await apiKeys.create({ name: values.name, scope: values.scope, rateLimit });
      print(
        { id: created.id, name: created.name, key: created.key, scope: created.scope },
        `Created ${created.id} (${created.name}) for ${created.scope.join(', ')}\n\n  ${created.key}\n\nThe key is shown only now.`,
      );
      break;
    }
    case 'list': {
      const keys = await apiKeys.list();
      print(
        keys,
        keys.length === 0
          ? 'No API keys.'
          : keys
              .map(
                (k) =>
                  `${k.id}  ${k.prefix}…  ${k.revokedAt ? 'revoked' : 'active '}  ${k.scope.join(',')}  ${k.name}`,
              )
              .join('\n'),
      );
      break;
    }
    case 'revoke': {
      const id = rest[0];
      if (!id) fail(`revoke needs an ID\n\n${USAGE}`, 2);
      const revoked = await apiKeys.revoke(id);
      print(revoked, `Revoked ${revoked.id} (${revoked.name}) at ${revoked.revokedAt}`);
      break;
    }
    default:
      fail(`Unknown command "${command}"\n\n${USAGE}`, 2);
  }
} catch (error) {
  if (error instanceof DomainError) {
    const details =
      error instanceof ValidationError
        ? error.errors.map((e) => `\n  ${e.field}: ${e.message}`).join('')
        : '';
    fail(
      values.json
        ? JSON.stringify({
            error: error.message,
            errors: error instanceof ValidationError ? error.errors : undefined,
          })
        : `${error.message}${details}`,
    );
  }
  throw error;
} finally {
  await stores.close();
}
