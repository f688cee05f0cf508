import { ROLES, type Role } from '../domain/current-user.js';
import { runCommandLine } from './command-line.js';

const USAGE = `Usage:
  admin create-user --email EMAIL --name NAME --role admin|editor [--json]
  admin reset-password EMAIL [--json]

Prints a one-time password, shown only here. reset-password also ends the user's sessions and
lifts a login lock: it is how a lost admin account is recovered.
Works on the data directory of SHUTTER_DATA_DIR (default ./data), also while the server runs.`;

await runCommandLine(
  USAGE,
  { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  async ({ command, args, values, services: { users }, print, fail }) => {
    switch (command) {
      case 'create-user': {
        const { email, name, role } = values;
        if (typeof email !== 'string' || typeof name !== 'string' || typeof role !== 'string') {
          return fail('create-user needs --email, --name and --role', 2);
        }
        if (!ROLES.includes(role as Role)) return fail('--role must be admin or editor', 2);
        const { user, password } = await users.create({ email, name, role: role as Role });
        return print(
          { id: user.id, email: user.email, role: user.role, password },
          `Created ${user.role} ${user.email} (${user.id})\n\n  password: ${password}\n\nThe password is shown only now.`,
        );
      }
      case 'reset-password': {
        const email = args[0];
        if (!email) return fail('reset-password needs an EMAIL', 2);
        const reset = await users.resetPasswordByEmail(email);
        return print(
          reset,
          `New password for ${reset.email}\n\n  password: ${reset.password}\n\nIt is shown only now; every session of this user has ended.`,
        );
      }
      default:
        return fail(`Unknown command "${command}"`, 2);
    }
  },
);
