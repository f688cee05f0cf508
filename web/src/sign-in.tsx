import { useState } from 'preact/hooks';
import { client } from './api.js';

/** The sign-in form; the refresh token stays in the API's HttpOnly cookie. */
export function SignIn({ onSignedIn, area }: { onSignedIn: () => void; area: string }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    const result = await client.signIn(String(form.get('email')), String(form.get('password')));
    setBusy(false);
    if (result.ok) onSignedIn();
    else
      setError(
        result.problem.status === 401
          ? 'Wrong email or password.'
          : (result.problem.detail ?? 'Could not sign in.'),
      );
  };
  return (
    <form class="card" onSubmit={submit} style={{ maxWidth: '26rem', margin: '3rem auto' }}>
      <h1>Sign in to the {area === 'admin' ? 'admin console' : 'editor'}</h1>
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="username" required />
      <label for="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="current-password"
        required
      />
      <p role="alert" class="error">
        {error}
      </p>
      <button class="primary" type="submit" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}
