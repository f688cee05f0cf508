import { html } from './html.js';
import type { HtmlEscapedString } from 'hono/utils/html';
import { SCORE_CATEGORIES } from '../../domain/review.js';
import type { CameraList, Comparison } from '../../services/content-index/content-types.js';
import { comparisonChart } from './charts.js';
import { formatPrice, formatScore, SCORE_LABELS, sensorLabel, typeLabel } from './format.js';
import { layout, type SiteContext } from './layout.js';
import { visitCounterScript } from './visit-counter-slot.js';

type Compared = Comparison['reviews'][number];

interface Row {
  label: string;
  value: (r: Compared) => string;
  /** The category whose best cameras are marked, for score rows. */
  best?: keyof Comparison['best'];
}

const ROWS: Row[] = [
  { label: 'Rating', value: (r) => formatScore(r.rating), best: 'rating' },
  ...SCORE_CATEGORIES.map((c): Row => ({
    label: SCORE_LABELS[c],
    value: (r) => formatScore(r.scores[c]),
    best: c,
  })),
  { label: 'Type', value: (r) => typeLabel(r.camera.type) },
  { label: 'Sensor', value: (r) => sensorLabel(r.camera.sensor) },
  { label: 'Resolution', value: (r) => `${formatScore(r.camera.megapixels)} MP` },
  {
    label: 'Lens mount',
    value: (r) => (r.camera.mount === 'fixed' ? 'Fixed lens' : r.camera.mount),
  },
  { label: 'Released', value: (r) => String(r.camera.releaseYear) },
  { label: 'Price at launch', value: (r) => formatPrice(r.camera.priceUsd) },
];

const name = (r: Compared) => `${r.camera.brand} ${r.camera.model}`;

function table(comparison: Comparison): HtmlEscapedString {
  const reviews = comparison.reviews;
  return html`<div class="scroll" role="region" aria-labelledby="cmp-table-title" tabindex="0">
    <table class="grid">
      <caption class="sr" id="cmp-table-title">
        Specifications and scores side by side; rows that differ are marked with a dot, the best in
        each score with “Best”
      </caption>
      <thead>
        <tr>
          <td></td>
          ${reviews.map(
            (r, i) =>
              html`<th scope="col">
                <span class="legend"><span class="s${i}">${name(r)}</span></span
                ><a href="/review/${r.slug}">Read the review</a>
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${ROWS.map((row) => {
          const values = reviews.map(row.value);
          const differs = new Set(values).size > 1;
          const best = row.best ? new Set(comparison.best[row.best]) : undefined;
          return html`<tr${differs ? html` class="differs"` : ''}><th scope="row">${row.label}${differs ? html`<span class="sr"> (differs)</span>` : ''}</th>${reviews.map(
            (r, i) => {
              const isBest = differs && best?.has(r.slug);
              return html`<td${isBest ? html` class="best"` : ''}>${values[i]}${isBest ? html`<span class="badge">Best</span>` : ''}</td>`;
            },
          )}</tr>`;
        })}
        <tr>
          <th scope="row">Pros</th>
          ${reviews.map(
            (r) =>
              html`<td>
                <ul>
                  ${r.pros.map((p) => html`<li>${p}</li>`)}
                </ul>
              </td>`,
          )}
        </tr>
        <tr>
          <th scope="row">Cons</th>
          ${reviews.map(
            (r) =>
              html`<td>
                <ul>
                  ${r.cons.map((p) => html`<li>${p}</li>`)}
                </ul>
              </td>`,
          )}
        </tr>
      </tbody>
    </table>
  </div>`;
}

function picker(cameras: CameraList, selected: readonly string[]): HtmlEscapedString {
  const chosen = new Set(selected);
  return html`<form id="compare" action="/compare" method="get">
    <fieldset class="panel">
      <legend>Pick 2 to 4 cameras</legend>
      <ul class="picker">
        ${cameras.items.map((camera) => {
          // A camera's latest review stands for it.
          const slug = camera.slugs[camera.slugs.length - 1]!;
          return html`<li>
            <label
              ><input
                type="checkbox"
                name="slugs"
                value="${slug}"
                ${chosen.has(slug) ? html` checked` : ''}
              />
              ${camera.brand} ${camera.model}
              <span class="muted">(${formatScore(camera.averageRating)}/10)</span></label
            >
          </li>`;
        })}
      </ul>
      <button type="submit">Compare</button> <span class="muted" data-picked></span>
    </fieldset>
  </form>`;
}

/**
 * `/compare`: with 2–4 slugs, the cameras side by side (differences marked, the best per
 * category flagged, one chart of every score); otherwise a picker, with any slug given ticked.
 */
export function comparePage(
  comparison: Comparison | undefined,
  cameras: CameraList | undefined,
  selected: readonly string[],
  origin: string,
  site: SiteContext,
): string {
  if (!comparison) {
    return layout(
      {
        title: 'Compare cameras',
        description: 'Pick two to four cameras and see their specs and scores side by side.',
        canonical: `${origin}/compare`,
        type: 'website',
        noindex: selected.length > 0,
        feed: site.feed,
      },
      'compare',
      html`<h1>Compare cameras</h1>
        <p class="lead">
          Pick two to four cameras to see their specifications and scores side by side.
        </p>
        ${picker(cameras ?? { items: [] }, selected)}`,
      visitCounterScript('default', site.siteKey, { show: false }),
    );
  }
  const names = comparison.reviews.map(name);
  const title = `${names.slice(0, -1).join(', ')} vs ${names[names.length - 1]}`;
  const main = html`<h1>${title}</h1>
    <p class="lead">
      Specifications and scores side by side. Rows that differ are marked with a dot; the best in
      each score is highlighted.
    </p>
    ${table(comparison)}
    <section class="panel" aria-labelledby="chart-title">
      <h2 id="chart-title">Every score</h2>
      <p class="legend" aria-hidden="true">
        ${comparison.reviews.map((r, i) => html`<span class="s${i}">${name(r)}</span>`)}
      </p>
      <div class="chart-scroll">
        ${comparisonChart(comparison.reviews.map((r) => ({ name: name(r), rating: r.rating, scores: r.scores })))}
      </div>
    </section>
    <p><a href="/compare">Compare other cameras</a></p>`;
  return layout(
    {
      title,
      description: `${title}: specifications, scores out of ten, pros and cons side by side.`,
      canonical: `${origin}/compare?slugs=${comparison.reviews.map((r) => r.slug).join(',')}`,
      type: 'website',
      feed: site.feed,
    },
    'compare',
    main,
    visitCounterScript('default', site.siteKey, { show: false }),
  );
}
