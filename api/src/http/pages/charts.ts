import { html } from './html.js';
import type { HtmlEscapedString } from 'hono/utils/html';
import { SCORE_CATEGORIES, type Scores } from '../../domain/review.js';
import { formatScore, SCORE_LABELS } from './format.js';

/** Scores run from 0 to 10. */
const MAX = 10;
const LABEL_WIDTH = 112;
const VALUE_WIDTH = 34;

/**
 * One review's scores (and its overall rating) as horizontal bars: an SVG with `role="img"`, a
 * `<title>` and a `<desc>` that reads out every value, so a screen reader hears the numbers the
 * bars show. Sizes are attributes, never inline styles (the CSP allows none).
 */
export function scoreChart(id: string, rating: number, scores: Scores): HtmlEscapedString {
  const rows: Array<[string, number, boolean]> = [
    ['Overall', rating, true],
    ...SCORE_CATEGORIES.map((c): [string, number, boolean] => [SCORE_LABELS[c], scores[c], false]),
  ];
  const width = 320;
  const barWidth = width - LABEL_WIDTH - VALUE_WIDTH;
  const step = 30;
  const height = rows.length * step;
  const desc = rows.map(([label, value]) => `${label} ${formatScore(value)} out of 10`).join('; ');
  return html`<svg
    class="chart"
    viewBox="0 0 ${width} ${height}"
    role="img"
    aria-labelledby="${id}-t ${id}-d"
  >
    <title id="${id}-t">Scores out of 10</title>
    <desc id="${id}-d">${desc}</desc>
    ${rows.map(
      ([label, value, overall], i) =>
        html`<g transform="translate(0 ${i * step})">
          <text x="0" y="19" ${overall ? html` font-weight="700"` : ''}>${label}</text>
          <rect class="track" x="${LABEL_WIDTH}" y="7" width="${barWidth}" height="14" rx="3" />
          <rect
            class="${overall ? 'overall' : 'bar'}"
            x="${LABEL_WIDTH}"
            y="7"
            width="${((value / MAX) * barWidth).toFixed(1)}"
            height="14"
            rx="3"
          />
          <text x="${width}" y="19" text-anchor="end" font-weight="700">${formatScore(value)}</text>
        </g>`,
    )}
  </svg>`;
}

/** One camera in a comparison chart. */
export interface ChartSeries {
  name: string;
  rating: number;
  scores: Scores;
}

/**
 * Every compared camera's rating and scores in one grouped bar chart: a group per category, a
 * bar per camera in its series colour (`s0`–`s3`, the legend's), every value also in `<desc>`.
 */
export function comparisonChart(series: readonly ChartSeries[]): HtmlEscapedString {
  const categories: Array<[string, (s: ChartSeries) => number]> = [
    ['Overall', (s) => s.rating],
    ...SCORE_CATEGORIES.map((c): [string, (s: ChartSeries) => number] => [
      SCORE_LABELS[c],
      (s) => s.scores[c],
    ]),
  ];
  const width = 560;
  const barWidth = width - LABEL_WIDTH - VALUE_WIDTH;
  const bar = 12;
  const groupGap = 14;
  const groupHeight = series.length * (bar + 3) + groupGap;
  const height = categories.length * groupHeight;
  const desc = categories
    .map(
      ([label, value]) =>
        `${label}: ${series.map((s) => `${s.name} ${formatScore(value(s))}`).join(', ')}`,
    )
    .join('; ');
  return html`<svg
    class="chart wide"
    viewBox="0 0 ${width} ${height}"
    role="img"
    aria-labelledby="cmp-t cmp-d"
  >
    <title id="cmp-t">Scores out of 10, side by side</title>
    <desc id="cmp-d">${desc}</desc>
    ${categories.map(
      ([label, value], g) =>
        html`<g transform="translate(0 ${g * groupHeight})">
          <text
            x="0"
            y="${((series.length * (bar + 3)) / 2 + 4).toFixed(0)}"
            font-weight="${g === 0 ? 700 : 400}"
            >${label}</text
          >
          ${series.map(
            (s, i) =>
              html`<rect
                  class="track"
                  x="${LABEL_WIDTH}"
                  y="${i * (bar + 3)}"
                  width="${barWidth}"
                  height="${bar}"
                  rx="2"
                />
                <rect
                  class="s${i}"
                  x="${LABEL_WIDTH}"
                  y="${i * (bar + 3)}"
                  width="${((value(s) / MAX) * barWidth).toFixed(1)}"
                  height="${bar}"
                  rx="2"
                />
                <text x="${width}" y="${i * (bar + 3) + 10}" text-anchor="end"
                  >${formatScore(value(s))}</text
                >`,
          )}
        </g>`,
    )}
  </svg>`;
}
