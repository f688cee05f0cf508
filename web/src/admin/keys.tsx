import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../../client/index.js';
import { api, fieldErrors } from '../api.js';
import { Secret } from './secret.js';

type Key = Schemas['ApiKey'];

export function Keys() {
  const [keys, setKeys] = useState<Key[]>([]);
  const [secret, setSecret] = useState<string | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const load = () =>
    api.GET('/api-keys').then(({ data }) => setKeys((data as { items: Key[] })?.items ?? []));
  useEffect(() => void load(), []);

  const create = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const { data, error } = await api.POST('/api-keys', {
      body: {
        name: String(f.get('name')),
        scope: String(f.get('scope'))
          .split(/[\s,]+/)
          .filter(Boolean),
        rateLimit: { perSecond: Number(f.get('perSecond')), burst: Number(f.get('burst')) },
      },
    });
    setErrors(fieldErrors(error));
    setMessage(error?.detail ?? '');
    if (data) {
      form.reset();
      setSecret(data.key);
      void load();
    }
  };
  const revoke = async (key: Key) => {
    if (!confirm(`Revoke ${key.name}? Sites using it stop counting.`)) return;
    await api.DELETE('/api-keys/{id}', { params: { path: { id: key.id } } });
    void load();
  };

  return (
    <section aria-labelledby="keys-heading">
      <h1 id="keys-heading">API keys</h1>
      {secret && <Secret label="The new key." value={secret} />}
      <p role="alert" class="error">
        {message}
      </p>
      <form class="card" onSubmit={create} noValidate>
        <h2>New key</h2>
        <div class="row">
          <div>
            <label for="k-name">Name</label>
            <input id="k-name" name="name" required />
            <p class="field-error">{errors.name}</p>
          </div>
          <div>
            <label for="k-scope">Scope (counter ids or patterns, comma separated)</label>
            <input id="k-scope" name="scope" defaultValue="default" />
            <p class="field-error">{errors.scope ?? errors['scope.0']}</p>
          </div>
          <div>
            <label for="k-rate">Requests per second</label>
            <input id="k-rate" name="perSecond" type="number" defaultValue="5" />
            <p class="field-error">{errors['rateLimit.perSecond']}</p>
          </div>
          <div>
            <label for="k-burst">Burst</label>
            <input id="k-burst" name="burst" type="number" defaultValue="20" />
            <p class="field-error">{errors['rateLimit.burst']}</p>
          </div>
        </div>
        <button class="primary" type="submit">
          Create key
        </button>
      </form>
      <table>
        <caption class="sr-only">API keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Scope</th>
            <th scope="col">Rate</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id} data-testid="key-row">
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}</code>
              </td>
              <td>{k.scope.join(', ')}</td>
              <td>
                {k.rateLimit.perSecond}/s, burst {k.rateLimit.burst}
              </td>
              <td>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : 'never'}</td>
              <td>
                {k.revokedAt ? (
                  'revoked'
                ) : (
                  <button type="button" onClick={() => void revoke(k)}>
                    Revoke {k.name}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
