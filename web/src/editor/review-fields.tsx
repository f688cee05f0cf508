import type { Schemas } from '../../client/index.js';

/** The form's state: the review's editable fields, lists as one entry per line. */
export interface ReviewInput {
  title: string;
  slug: string;
  summary: string;
  body: string;
  camera: Schemas['Camera'];
  rating: number;
  scores: Schemas['Scores'];
  pros: string;
  cons: string;
}

export const emptyReview = (): ReviewInput => ({
  title: '',
  slug: '',
  summary: '',
  body: '',
  camera: {
    brand: '',
    model: '',
    type: 'mirrorless',
    sensor: 'full-frame',
    megapixels: 24,
    releaseYear: new Date().getFullYear(),
    priceUsd: 1000,
    mount: '',
  },
  rating: 8,
  scores: { imageQuality: 8, autofocus: 8, video: 8, ergonomics: 8, value: 8 },
  pros: '',
  cons: '',
});

export const fromReview = (r: Schemas['Review']): ReviewInput => ({
  title: r.title,
  slug: r.slug,
  summary: r.summary,
  body: r.body,
  camera: { ...r.camera },
  rating: r.rating,
  scores: { ...r.scores },
  pros: r.pros.join('\n'),
  cons: r.cons.join('\n'),
});

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The request body's fields (what PUT and POST take besides status and publishAt). */
export function toInput(v: ReviewInput) {
  return {
    title: v.title,
    ...(v.slug ? { slug: v.slug } : {}),
    summary: v.summary,
    body: v.body,
    camera: v.camera,
    rating: v.rating,
    scores: v.scores,
    pros: lines(v.pros),
    cons: lines(v.cons),
  };
}

interface FieldProps {
  name: string;
  label: string;
  errors: Record<string, string>;
  children: (attrs: {
    id: string;
    'aria-invalid'?: 'true';
    'aria-describedby'?: string;
  }) => unknown;
}

/** A label, the control, and the problem's message for this field right under it. */
function Field({ name, label, errors, children }: FieldProps) {
  const id = `f-${name.replace(/\W/g, '-')}`;
  const error = errors[name];
  return (
    <div>
      <label for={id}>{label}</label>
      {
        children({
          id,
          ...(error ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {}),
        }) as never
      }
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

const SCORES = ['imageQuality', 'autofocus', 'video', 'ergonomics', 'value'] as const;
const SCORE_LABELS = {
  imageQuality: 'Image quality',
  autofocus: 'Autofocus',
  video: 'Video',
  ergonomics: 'Ergonomics',
  value: 'Value',
};

/** Every editable field of a review, with its errors beside it. */
export function ReviewFields({
  value,
  onChange,
  errors,
}: {
  value: ReviewInput;
  onChange: (v: ReviewInput) => void;
  errors: Record<string, string>;
}) {
  const set = (patch: Partial<ReviewInput>) => onChange({ ...value, ...patch });
  const setCamera = (patch: Partial<Schemas['Camera']>) =>
    set({ camera: { ...value.camera, ...patch } });
  const text = (name: keyof ReviewInput, label: string, multiline = false) => (
    <Field name={name} label={label} errors={errors}>
      {(attrs) =>
        multiline ? (
          <textarea
            {...attrs}
            value={value[name] as string}
            onInput={(e) => set({ [name]: e.currentTarget.value })}
          />
        ) : (
          <input
            {...attrs}
            value={value[name] as string}
            onInput={(e) => set({ [name]: e.currentTarget.value })}
          />
        )
      }
    </Field>
  );
  const cameraText = (name: 'brand' | 'model' | 'mount', label: string) => (
    <Field name={`camera.${name}`} label={label} errors={errors}>
      {(attrs) => (
        <input
          {...attrs}
          value={value.camera[name]}
          onInput={(e) => setCamera({ [name]: e.currentTarget.value })}
        />
      )}
    </Field>
  );
  const cameraNumber = (name: 'megapixels' | 'releaseYear' | 'priceUsd', label: string) => (
    <Field name={`camera.${name}`} label={label} errors={errors}>
      {(attrs) => (
        <input
          {...attrs}
          type="number"
          value={value.camera[name]}
          onInput={(e) => setCamera({ [name]: e.currentTarget.valueAsNumber })}
        />
      )}
    </Field>
  );
  return (
    <div>
      {text('title', 'Title')}
      {text('slug', 'Slug (optional: made from the title)')}
      {text('summary', 'Summary')}
      {text('body', 'Body (Markdown)', true)}
      <fieldset>
        <legend>Camera</legend>
        <div class="row">
          {cameraText('brand', 'Brand')}
          {cameraText('model', 'Model')}
          {cameraText('mount', 'Mount')}
        </div>
        <div class="row">
          <Field name="camera.type" label="Type" errors={errors}>
            {(attrs) => (
              <select
                {...attrs}
                value={value.camera.type}
                onChange={(e) => setCamera({ type: e.currentTarget.value as never })}
              >
                {['mirrorless', 'dslr', 'compact', 'medium-format', 'action', 'film', 'other'].map(
                  (t) => (
                    <option key={t}>{t}</option>
                  ),
                )}
              </select>
            )}
          </Field>
          <Field name="camera.sensor" label="Sensor" errors={errors}>
            {(attrs) => (
              <select
                {...attrs}
                value={value.camera.sensor}
                onChange={(e) => setCamera({ sensor: e.currentTarget.value as never })}
              >
                {[
                  'full-frame',
                  'aps-c',
                  'micro-four-thirds',
                  'one-inch',
                  'medium-format',
                  'other',
                ].map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            )}
          </Field>
          {cameraNumber('megapixels', 'Megapixels')}
          {cameraNumber('releaseYear', 'Release year')}
          {cameraNumber('priceUsd', 'Price (USD)')}
        </div>
      </fieldset>
      <fieldset>
        <legend>Scores</legend>
        <div class="row">
          <Field name="rating" label="Rating" errors={errors}>
            {(attrs) => (
              <input
                {...attrs}
                type="number"
                step="0.1"
                value={value.rating}
                onInput={(e) => set({ rating: e.currentTarget.valueAsNumber })}
              />
            )}
          </Field>
          {SCORES.map((s) => (
            <Field key={s} name={`scores.${s}`} label={SCORE_LABELS[s]} errors={errors}>
              {(attrs) => (
                <input
                  {...attrs}
                  type="number"
                  step="0.1"
                  value={value.scores[s]}
                  onInput={(e) =>
                    set({ scores: { ...value.scores, [s]: e.currentTarget.valueAsNumber } })
                  }
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <div class="row">
        {text('pros', 'Pros (one per line)', true)}
        {text('cons', 'Cons (one per line)', true)}
      </div>
    </div>
  );
}
