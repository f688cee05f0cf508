import { runCommandLine } from './command-line.js';

const USAGE = `Usage:
  keys create --name NAME --scope 'default,review-*' [--rate N] [--burst N] [--json]
  keys list [--json]
  keys revoke ID [--json]
  keys public COUNTER_ID [--json]    its badge (/visits/ID/badge.svg, .json) answers without a key
  keys private COUNTER_ID [--json]   its badge answers 404 again
  keys site [--json]                 the key the reader pages count themselves with (made once)

Works on the data directory of SHUTTER_DATA_DIR (default ./data), also while the server runs;
on a stage's DynamoDB tables with SHUTTER_STORE=dynamodb SHUTTER_STAGE=… (docs/deploy.md).`;

const optionalNumber = (value: unknown) => (typeof value === 'string' ? Number(value) : undefined);

await runCommandLine(
  USAGE,
  {
    name: { type: 'string' },
    scope: { type: 'string' },
    rate: { type: 'string' },
    burst: { type: 'string' },
  },
  async ({
    command,
    args,
    values,
    services: { apiKeys, publicCounters, siteCounter },
    print,
    fail,
  }) => {
    switch (command) {
      case 'create': {
        const { name, scope } = values;
        if (typeof name !== 'string' || typeof scope !== 'string')
          return fail('create needs --name and --scope', 2);
        const rate = {
          perSecond: optionalNumber(values.rate),
          burst: optionalNumber(values.burst),
        };
        const created = await apiKeys.create({
          name,
          scope,
          rateLimit: Object.fromEntries(Object.entries(rate).filter(([, v]) => v !== undefined)),
        });
        return print(
          { id: created.id, name: created.name, key: created.key, scope: created.scope },
          `Created ${created.id} (${created.name}) for ${created.scope.join(', ')}\n\n  ${created.key}\n\nThe key is shown only now.`,
        );
      }
      case 'list': {
        const keys = await apiKeys.list();
        return print(
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
      }
      case 'revoke': {
        const id = args[0];
        if (!id) return fail('revoke needs an ID', 2);
        const revoked = await apiKeys.revoke(id);
        return print(revoked, `Revoked ${revoked.id} (${revoked.name}) at ${revoked.revokedAt}`);
      }
      case 'public':
      case 'private': {
        const id = args[0];
        if (!id) return fail(`${command} needs a COUNTER_ID`, 2);
        const marked = await publicCounters.setPublic(id, command === 'public');
        return print(
          marked,
          marked.public
            ? `Counter "${id}" is public: /visits/${id}/badge.svg and /visits/${id}/badge.json answer without a key.`
            : `Counter "${id}" is private: its badge answers 404.`,
        );
      }
      case 'site': {
        // The local server makes it at its first start; on AWS nothing starts, so this does.
        const { key, created } = await siteCounter.ensureKey();
        return print(
          { key, created },
          `${created ? 'Made' : 'Already made'}: the reader pages count themselves with\n\n  ${key}`,
        );
      }
      default:
        return fail(`Unknown command "${command}"`, 2);
    }
  },
);
