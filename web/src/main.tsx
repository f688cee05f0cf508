import { render } from 'preact';
import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../client/index.js';
import { api, client } from './api.js';
import { navigate, onLink, usePath } from './router.js';
import { SignIn } from './sign-in.js';

// Each console is its own chunk: an editor never downloads the admin pages, and the reader
// pages load none of this.
const Editor = lazy(() => import('./editor/editor.js'));
const Admin = lazy(() => import('./admin/admin.js'));

type User = Schemas['User'];

function App() {
  const path = usePath();
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const loadMe = async () => {
    const { data } = await api.GET('/me');
    setUser(data ?? null);
  };
  useEffect(() => {
    void client.resume().then((ok) => (ok ? loadMe() : setUser(null)));
  }, []);

  const inAdmin = path.startsWith('/admin');
  useEffect(() => {
    document.title = `${inAdmin ? 'Admin' : 'Editor'} · Shutter`;
  }, [inAdmin]);

  if (user === undefined) return <main aria-busy="true">Loading…</main>;
  if (user === null)
    return (
      <main>
        <SignIn onSignedIn={loadMe} area={inAdmin ? 'admin' : 'editor'} />
      </main>
    );

  const signOut = async () => {
    await client.signOut();
    setUser(null);
    navigate(inAdmin ? '/admin' : '/editor');
  };

  return (
    <>
      <header class="bar">
        <nav aria-label="Consoles">
          <a href="/editor" onClick={onLink}>
            Editor
          </a>
          {user.role === 'admin' && (
            <a href="/admin" onClick={onLink}>
              Admin
            </a>
          )}
        </nav>
        <span>{user.name}</span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <Suspense fallback={<main aria-busy="true">Loading…</main>}>
        {inAdmin ? (
          user.role === 'admin' ? (
            <Admin path={path} />
          ) : (
            <main>
              <h1>Admins only</h1>
              <p>This account is an editor&apos;s.</p>
            </main>
          )
        ) : (
          <Editor path={path} user={user} />
        )}
      </Suspense>
    </>
  );
}

render(<App />, document.getElementById('app')!);
