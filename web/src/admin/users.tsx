import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../../client/index.js';
import { api, fieldErrors } from '../api.js';
import { Secret } from './secret.js';

type User = Schemas['User'];

export function Users() {
  const [users, setUsers] = useState<User[]>([]);
  const [secret, setSecret] = useState<{ label: string; value: string } | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const load = () =>
    api
      .GET('/users', { params: { query: { limit: 100 } } })
      .then(({ data }) => setUsers(data?.items ?? []));
  useEffect(() => void load(), []);

  const create = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const { data, error } = await api.POST('/users', {
      body: {
        email: String(f.get('email')),
        name: String(f.get('name')),
        role: String(f.get('role')) as User['role'],
      },
    });
    setErrors(fieldErrors(error));
    setMessage(error?.detail ?? '');
    if (data) {
      form.reset();
      setSecret({ label: `One-time password for ${data.email}.`, value: data.password });
      void load();
    }
  };
  const change = async (user: User, body: Schemas['UpdateUserRequest']) => {
    const { data, error } = await api.PATCH('/users/{id}', {
      params: { path: { id: user.id } },
      body,
    });
    setMessage(error?.detail ?? '');
    if (data?.password)
      setSecret({ label: `New one-time password for ${data.email}.`, value: data.password });
    void load();
  };

  return (
    <section aria-labelledby="users-heading">
      <h1 id="users-heading">Users</h1>
      {secret && <Secret {...secret} />}
      <p role="alert" class="error">
        {message}
      </p>
      <form class="card" onSubmit={create} noValidate>
        <h2>New user</h2>
        <div class="row">
          <div>
            <label for="u-email">Email</label>
            <input
              id="u-email"
              name="email"
              type="email"
              required
              aria-describedby="u-email-error"
            />
            <p id="u-email-error" class="field-error">
              {errors.email}
            </p>
          </div>
          <div>
            <label for="u-name">Name</label>
            <input id="u-name" name="name" required aria-describedby="u-name-error" />
            <p id="u-name-error" class="field-error">
              {errors.name}
            </p>
          </div>
          <div>
            <label for="u-role">Role</label>
            <select id="u-role" name="role">
              <option value="editor">editor</option>
              <option value="admin">admin</option>
            </select>
          </div>
        </div>
        <button class="primary" type="submit">
          Create user
        </button>
      </form>
      <table>
        <caption class="sr-only">Users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <label class="sr-only" for={`role-${u.id}`}>
                  Role of {u.name}
                </label>
                <select
                  id={`role-${u.id}`}
                  value={u.role}
                  onChange={(e) => void change(u, { role: e.currentTarget.value as User['role'] })}
                >
                  <option value="editor">editor</option>
                  <option value="admin">admin</option>
                </select>
              </td>
              <td>{u.status}</td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    void change(u, { status: u.status === 'active' ? 'disabled' : 'active' })
                  }
                >
                  {u.status === 'active' ? 'Disable' : 'Enable'} {u.name}
                </button>
                <button type="button" onClick={() => void change(u, { resetPassword: true })}>
                  Reset password of {u.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
