import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { ROLES, type Role } from '../domain/current-user.js';
import { DomainError, ValidationError } from '../domain/errors.js';
import { systemClock } from '../ports/clock.js';
import { createServices } from '../services/create-services.js';
import { openStores } from './open-stores.js';

const USAGE = `Usage:
  admin create-user --email EMAIL --name NAME --role admin|editor [--json]
  admin reset-password EMAIL [--json]

Prints a one-time password, shown only here. reset-password also ends the user's sessions and
lifts a login lock: it is how a lost admin account is recovered.
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
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
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
const { users } = createServices(stores, systemClock, { stage: config.stage });
const print = (json: unknown, text: string) =>
  console.log(values.json ? JSON.stringify(json) : text);

try {
  switch (command) {
    case 'create-user': {
      const { email, name, role } = values;
      if (!email || !name || !role) {
        fail(`create-user needs --email, --name and --role\n\n${USAGE}`, 2);
      }
      if (!ROLES.includes(role as Role)) fail(`--role must be admin or editor\n\n${USAGE}`, 2);
      const { user, password } = await users.create({ email, name, role: role as Role });
      print(
        { id: user.id, email: user.email, role: user.role, password },
        `Created ${user.role} ${user.email} (${user.id})\n\n  password: ${password}\n\nThe password is shown only now.`,
      );
      break;
    }
    case 'reset-password': {
      const email = rest[0];
      if (!email) fail(`reset-password needs an EMAIL\n\n${USAGE}`, 2);
      const reset = await users.resetPasswordByEmail(email);
      print(
        reset,
        `New password for ${reset.email}\n\n  password: ${reset.password}\n\nIt is shown only now; every session of this user has ended.`,
      );
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
