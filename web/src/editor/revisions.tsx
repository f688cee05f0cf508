import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../../client/index.js';
import { api, etagOf } from '../api.js';

type Review = Schemas['Review'];
type Change = Schemas['RevisionDiff']['changes'][number];

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The kept revisions: what changed since each one (field-aware, the body line by line), restore. */
export function Revisions({
  review,
  onRestored,
}: {
  review: Review;
  onRestored: (r: Review) => void;
}) {
  const [items, setItems] = useState<Schemas['RevisionSummary'][]>([]);
  const [selected, setSelected] = useState<number | undefined>();
  const [changes, setChanges] = useState<Change[] | undefined>();
  const [message, setMessage] = useState('');
  useEffect(() => {
    void api
      .GET('/reviews/{id}/revisions', { params: { path: { id: review.id } } })
      .then(({ data }) => setItems(data?.items ?? []));
  }, [review.id, review.version]);

  const select = async (n: number) => {
    setSelected(n);
    setChanges(undefined);
    const { data } = await api.GET('/reviews/{id}/diff', {
      params: { path: { id: review.id }, query: { from: n, to: review.version } },
    });
    setChanges(data?.changes ?? []);
  };

  const restore = async (n: number) => {
    const { data, error } = await api.POST('/reviews/{id}/revisions/{n}/restore', {
      params: { path: { id: review.id, n }, header: { 'if-match': etagOf(review.version) } },
    });
    if (data) onRestored(data);
    else setMessage(error?.detail ?? 'Could not restore');
  };

  return (
    <section class="card" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">Revisions</h2>
      <p role="alert" class="error">
        {message}
      </p>
      <ul>
        {items.map((r) => (
          <li key={r.n}>
            Version {r.n}: {r.title} ({r.status}), {new Date(r.savedAt).toLocaleString()}{' '}
            {r.n !== review.version && (
              <>
                <button type="button" onClick={() => void select(r.n)}>
                  Compare version {r.n} with now
                </button>
                <button type="button" onClick={() => void restore(r.n)}>
                  Restore version {r.n}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {selected !== undefined && changes && (
        <div data-testid="diff">
          <h3>
            From version {selected} to version {review.version}
          </h3>
          {changes.length === 0 && <p>No differences.</p>}
          {changes.map((c) =>
            'lines' in c ? (
              <div key="body">
                <h4>body</h4>
                <pre>
                  {c.lines.map((l, i) => (
                    <div
                      key={i}
                      class={l.op === 'added' ? 'diff-add' : l.op === 'removed' ? 'diff-del' : ''}
                    >
                      {l.op === 'added' ? '+ ' : l.op === 'removed' ? '− ' : '  '}
                      {l.text}
                    </div>
                  ))}
                </pre>
              </div>
            ) : (
              <p key={c.field}>
                <strong>{c.field}</strong>: <span class="diff-del">{show(c.from)}</span> →{' '}
                <span class="diff-add">{show(c.to)}</span>
              </p>
            ),
          )}
        </div>
      )}
    </section>
  );
}
