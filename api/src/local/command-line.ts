import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { DomainError, ValidationError } from '../domain/errors.js';
import { systemClock } from '../ports/clock.js';
import { createServices, type Services } from '../services/create-services.js';
import { openStores } from './open-stores.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What a command of `npm run keys` or `npm run admin` gets to work with. */
export interface CommandContext {
  command: string;
  /** Positional arguments after the command. */
  args: string[];
  /** The parsed `--flags`, as strings and booleans. */
  values: Record<string, string | boolean | undefined>;
  config: Config;
  services: Services;
  /** Prints JSON with `--json`, the text otherwise. */
  print(json: unknown, text: string): void;
  /** Prints the message (with the usage for exit code 2) on stderr and exits. */
  fail(message: string, code?: number): never;
}

/**
 * Runs a command line over the services of the data directory in `SHUTTER_DATA_DIR`: parses
 * flags (adding `--json` and `--help`), reads the configuration, opens the stores, and turns
 * domain errors into a message and exit code 1 (as JSON on stderr with `--json`). Usage errors
 * exit with 2.
 */
export async function runCommandLine(
  usage: string,
  options: Options,
  run: (context: CommandContext) => Promise<void>,
): Promise<void> {
  const fail = (message: string, code = 1): never => {
    console.error(code === 2 ? `${message}\n\n${usage}` : message);
    process.exit(code);
  };

  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        ...options,
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return fail((error as Error).message, 2);
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!command) return fail('A command is required.', 2);

  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  const stores = await openStores(config);
  const services = createServices(stores, systemClock, { stage: config.stage });
  const json = values.json === true;
  try {
    await run({
      command,
      args,
      values,
      config,
      services,
      print: (data, text) => console.log(json ? JSON.stringify(data) : text),
      fail,
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = error instanceof ValidationError ? error.errors : undefined;
    fail(
      json
        ? JSON.stringify({ error: error.message, errors })
        : `${error.message}${(errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join('')}`,
    );
  } finally {
    await stores.close();
  }
}
