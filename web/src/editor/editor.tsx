import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../../client/index.js';
import { api } from '../api.js';
import { navigate, onLink } from '../router.js';
import { emptyReview, ReviewFields, toInput, type ReviewInput } from './review-fields.js';
import { fieldErrors } from '../api.js';
import { ReviewPage } from './review-page.js';

type Review = Schemas['Review'];

/** The editors' console: my reviews, a new one, one review. */
export default function Editor({ path }: { path: string; user: Schemas['User'] }) {
  const match = /^\/editor\/reviews\/([^/]+)/.exec(path);
  if (match) return <ReviewPage id={decodeURIComponent(match[1]!)} />;
  if (path === '/editor/new') return <NewReview />;
  return <ReviewList />;
}

function ReviewList() {
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<Review[] | undefined>();
  useEffect(() => {
    setItems(undefined);
    void api
      .GET('/reviews', {
        params: { query: { limit: 100, ...(status ? { status: status as never } : {}) } },
      })
      .then(({ data }) => setItems(data?.items ?? []));
  }, [status]);
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = (items ?? []).filter((r) => {
    const text = `${r.title} ${r.camera.brand} ${r.camera.model} ${r.slug}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  return (
    <main>
      <h1>My reviews</h1>
      <div class="row">
        <div>
          <label for="search">Search</label>
          <input
            id="search"
            type="search"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </div>
        <div>
          <label for="status">Status</label>
          <select id="status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">All</option>
            <option value="draft">Draft</option>
            <option value="scheduled">Scheduled</option>
            <option value="published">Published</option>
          </select>
        </div>
      </div>
      <p>
        <a href="/editor/new" onClick={onLink}>
          New review
        </a>
      </p>
      {items === undefined ? (
        <p aria-busy="true">Loading…</p>
      ) : (
        <table>
          <caption class="sr-only">Reviews</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Camera</th>
              <th scope="col">Status</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/editor/reviews/${encodeURIComponent(r.id)}`} onClick={onLink}>
                    {r.title}
                  </a>
                </td>
                <td>
                  {r.camera.brand} {r.camera.model}
                </td>
                <td>
                  <span class="status">{r.status}</span>
                </td>
                <td>{new Date(r.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items !== undefined && shown.length === 0 && <p>No reviews.</p>}
    </main>
  );
}

function NewReview() {
  const [value, setValue] = useState<ReviewInput>(emptyReview());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const create = async (event: Event) => {
    event.preventDefault();
    const { data, error } = await api.POST('/reviews', {
      body: { ...toInput(value), status: 'draft' } as never,
    });
    if (data) return navigate(`/editor/reviews/${encodeURIComponent(data.id)}`);
    setErrors(fieldErrors(error));
    setMessage(error?.detail ?? 'Could not create the review');
  };
  return (
    <main>
      <h1>New review</h1>
      <form onSubmit={create} noValidate>
        <ReviewFields value={value} onChange={setValue} errors={errors} />
        <p role="alert" class="error">
          {message}
        </p>
        <button class="primary" type="submit">
          Create draft
        </button>
      </form>
    </main>
  );
}
