import { onLink } from '../router.js';
import { Counters } from './counters.js';
import { Jobs } from './jobs.js';
import { Keys } from './keys.js';
import { Users } from './users.js';

const PAGES = [
  ['/admin', 'Users'],
  ['/admin/keys', 'API keys'],
  ['/admin/counters', 'Counters'],
  ['/admin/jobs', 'Job queue'],
] as const;

/** The admins' console: users, API keys, counters, the job queue. */
export default function Admin({ path }: { path: string }) {
  return (
    <main>
      <nav aria-label="Admin">
        <ul class="row" style={{ listStyle: 'none', padding: 0 }}>
          {PAGES.map(([href, label]) => (
            <li key={href}>
              <a href={href} onClick={onLink} aria-current={path === href ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {path.startsWith('/admin/keys') ? (
        <Keys />
      ) : path.startsWith('/admin/counters') ? (
        <Counters />
      ) : path.startsWith('/admin/jobs') ? (
        <Jobs />
      ) : (
        <Users />
      )}
    </main>
  );
}
