import { useEffect, useRef, useState } from 'preact/hooks';
import type { Problem, Schemas } from '../../client/index.js';
import { api, etagOf, fieldErrors } from '../api.js';
import { navigate } from '../router.js';
import { Photos } from './photos.js';
import { PreviewLink } from './preview-link.js';
import { Revisions } from './revisions.js';
import { fromReview, ReviewFields, toInput, type ReviewInput } from './review-fields.js';

type Review = Schemas['Review'];
const AUTOSAVE_MS = 1500;
const PREVIEW_MS = 400;

/** A conflict: the version saved meanwhile (theirs) and the editor's unsaved text (mine). */
interface Conflict {
  theirs: Review;
  mine: ReviewInput;
}

/**
 * One review: the form, its live preview, photos, autosave (drafts; always with `If-Match`, so
 * it can never overwrite a newer version), the conflict screen on 412, publishing with the
 * checklist's errors, scheduling, revisions and deletion.
 */
export function ReviewPage({ id }: { id: string }) {
  const [review, setReview] = useState<Review | undefined>();
  const [value, setValue] = useState<ReviewInput | undefined>();
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | undefined>();
  const [saved, setSaved] = useState('');
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [html, setHtml] = useState('');
  const [schedule, setSchedule] = useState('');
  const [revisionsKey, setRevisionsKey] = useState(0);
  const saving = useRef(false);

  const load = async () => {
    const { data, error } = await api.GET('/reviews/{id}', { params: { path: { id } } });
    if (!data) return setProblem(error);
    show(data);
  };
  const show = (r: Review) => {
    setReview(r);
    setValue(fromReview(r));
    setDirty(false);
    setRevisionsKey((k) => k + 1);
  };
  useEffect(() => {
    void load();
  }, [id]);

  /** PUT the form with `If-Match`; a 412 opens the conflict screen instead of overwriting. */
  const save = async (extra: { status?: Review['status']; publishAt?: string | null } = {}) => {
    if (!review || !value || saving.current) return;
    saving.current = true;
    const sent = value;
    const { data, error, response } = await api.PUT('/reviews/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(review.version) } },
      body: {
        ...toInput(sent),
        status: extra.status ?? review.status,
        ...('publishAt' in extra ? { publishAt: extra.publishAt } : {}),
      } as never,
    });
    saving.current = false;
    if (data) {
      setReview(data);
      // Keep what was typed while the request was out; it saves on the next round.
      setDirty(sent !== valueRef.current);
      setErrors({});
      setProblem(undefined);
      setSaved(`Saved version ${data.version} at ${new Date().toLocaleTimeString()}`);
      setRevisionsKey((k) => k + 1);
      return;
    }
    if (response.status === 412) {
      const theirs = await api.GET('/reviews/{id}', { params: { path: { id } } });
      if (theirs.data) setConflict({ theirs: theirs.data, mine: sent });
      return;
    }
    setErrors(fieldErrors(error));
    setProblem(error);
  };

  const valueRef = useRef(value);
  valueRef.current = value;

  // Autosave drafts a moment after the last keystroke.
  useEffect(() => {
    if (!dirty || conflict || review?.status !== 'draft') return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [value, dirty, conflict, review?.status]);

  // The live preview, rendered by the API's own Markdown pipeline.
  useEffect(() => {
    if (!value) return;
    const timer = setTimeout(async () => {
      const { data } = await api.POST('/reviews/{id}/render', {
        params: { path: { id } },
        body: { body: value.body },
      });
      if (data) setHtml(data.html);
    }, PREVIEW_MS);
    return () => clearTimeout(timer);
  }, [value?.body]);

  if (!review || !value)
    return <main>{problem ? <p class="error">{problem.detail}</p> : <p>Loading…</p>}</main>;

  if (conflict)
    return (
      <ConflictScreen
        conflict={conflict}
        onKeepTheirs={() => {
          setConflict(undefined);
          show(conflict.theirs);
        }}
        onKeepMine={() => {
          // Mine, written over their version: now knowingly, with their ETag.
          setConflict(undefined);
          setReview(conflict.theirs);
          setValue(conflict.mine);
          setDirty(true);
          setTimeout(() => document.getElementById('save')?.focus());
        }}
      />
    );

  const edit = (v: ReviewInput) => {
    setValue(v);
    setDirty(true);
    setSaved('');
  };

  const remove = async () => {
    if (!confirm(`Delete “${review.title}”? This cannot be undone.`)) return;
    const { error, response } = await api.DELETE('/reviews/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(review.version) } },
    });
    if (response.ok) return navigate('/editor');
    setProblem(error as Problem);
  };

  const checklist = problem?.type?.endsWith('/publish-checklist') ? problem.errors : undefined;

  return (
    <main>
      <h1>
        {review.title || 'Untitled'} <span class="status">{review.status}</span>
      </h1>
      <p aria-live="polite" class="ok">
        {saved}
        {dirty && !saved && review.status === 'draft' ? 'Unsaved changes (autosaving)…' : ''}
      </p>
      {problem && (
        <div role="alert" class="card error">
          <p>{problem.detail}</p>
          {checklist && (
            <>
              <p>The publish checklist is not complete:</p>
              <ul>
                {checklist.map((e) => (
                  <li key={e.field + e.message}>
                    {e.field}: {e.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div class="grid">
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit</h2>
          <ReviewFields value={value} onChange={edit} errors={errors} />
          <p>
            <button id="save" class="primary" type="button" onClick={() => void save()}>
              Save
            </button>
            {review.status !== 'published' ? (
              <button
                type="button"
                onClick={() => void save({ status: 'published', publishAt: null })}
              >
                Publish
              </button>
            ) : (
              <button type="button" onClick={() => void save({ status: 'draft' })}>
                Unpublish
              </button>
            )}
            <button class="danger" type="button" onClick={() => void remove()}>
              Delete
            </button>
          </p>
          <div class="card">
            <h3>Schedule</h3>
            {review.status === 'scheduled' && review.publishAt && (
              <p>Publishes at {new Date(review.publishAt).toLocaleString()}.</p>
            )}
            {review.scheduleError && <p class="error">{review.scheduleError.message}</p>}
            <label for="publish-at">Publish at</label>
            <input
              id="publish-at"
              type="datetime-local"
              value={schedule}
              onInput={(e) => setSchedule(e.currentTarget.value)}
            />
            <button
              type="button"
              disabled={!schedule}
              onClick={() =>
                void save({ status: 'scheduled', publishAt: new Date(schedule).toISOString() })
              }
            >
              Schedule
            </button>
            {review.status === 'scheduled' && (
              <button type="button" onClick={() => void save({ status: 'draft', publishAt: null })}>
                Unschedule
              </button>
            )}
          </div>
        </section>
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <p>
            As readers will see the body{review.status === 'published' ? '' : ' once published'}.
          </p>
          <article class="preview" data-testid="preview">
            <h1>{value.title}</h1>
            <p>
              <strong>{value.summary}</strong>
            </p>
            <div dangerouslySetInnerHTML={{ __html: html }} />
          </article>
          {review.status === 'published' && (
            <p>
              <a href={`/review/${encodeURIComponent(review.slug)}`}>The published page</a>
            </p>
          )}
          <PreviewLink reviewId={id} />
        </section>
      </div>
      <Photos reviewId={id} />
      <Revisions
        key={revisionsKey}
        review={review}
        onRestored={(r) => {
          show(r);
          setSaved(`Restored as version ${r.version}`);
        }}
      />
    </main>
  );
}

const FIELDS: Array<[keyof ReviewInput, string]> = [
  ['title', 'Title'],
  ['summary', 'Summary'],
  ['body', 'Body'],
  ['pros', 'Pros'],
  ['cons', 'Cons'],
];

/** Theirs beside mine, field by field where they differ; the editor keeps one. */
function ConflictScreen({
  conflict,
  onKeepTheirs,
  onKeepMine,
}: {
  conflict: Conflict;
  onKeepTheirs: () => void;
  onKeepMine: () => void;
}) {
  const theirs = fromReview(conflict.theirs);
  const differing = FIELDS.filter(
    ([f]) => JSON.stringify(theirs[f]) !== JSON.stringify(conflict.mine[f]),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main>
      <h1 tabIndex={-1} ref={heading}>
        Someone else saved this review
      </h1>
      <p role="alert">
        Version {conflict.theirs.version} was saved after the one you were editing. Nothing of yours
        was written. Keep one of the two.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Theirs (version {conflict.theirs.version})</th>
            <th scope="col">Mine</th>
          </tr>
        </thead>
        <tbody>
          {(differing.length > 0 ? differing : FIELDS.slice(0, 1)).map(([f, label]) => (
            <tr key={f}>
              <th scope="row">{label}</th>
              <td>
                <pre data-testid={`theirs-${f}`}>{String(theirs[f])}</pre>
              </td>
              <td>
                <pre data-testid={`mine-${f}`}>{String(conflict.mine[f])}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onKeepTheirs}>
        Keep theirs
      </button>
      <button class="primary" type="button" onClick={onKeepMine}>
        Keep mine
      </button>
    </main>
  );
}
