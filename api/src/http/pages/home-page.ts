import { html } from './html.js';
import type { HtmlEscapedString } from 'hono/utils/html';
import { foldText } from '../../domain/fold.js';
import { CAMERA_TYPES, SENSOR_TYPES } from '../../domain/review.js';
import type { ContentPage } from '../../services/content-index/content-types.js';
import { formatPrice, formatScore, sensorLabel, typeLabel } from './format.js';
import { layout, SITE_NAME, type SiteContext } from './layout.js';
import { visitCounterScript } from './visit-counter-slot.js';
import type { PageSummary } from './page-data.js';

/** The home page's state: everything in its URL. */
export interface HomeState {
  q?: string;
  brand?: string;
  type?: string;
  sensor?: string;
  minRating?: number;
  minPrice?: number;
  maxPrice?: number;
  sort?: string;
  cursor?: string;
}

/** The query string of a state, without empty fields, in a fixed order (so URLs are stable). */
export function homeQuery(state: HomeState): string {
  const params = new URLSearchParams();
  for (const key of [
    'q',
    'brand',
    'type',
    'sensor',
    'minRating',
    'minPrice',
    'maxPrice',
    'sort',
    'cursor',
  ] as const) {
    const value = state[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Words of `text` whose folded form the search matched, wrapped in `<mark>`. */
function highlight(text: string, matches: readonly string[] | undefined): HtmlEscapedString {
  if (!matches || matches.length === 0) return html`${text}`;
  const wanted = new Set(matches);
  // Split on word boundaries, keeping the separators, so the text is rebuilt exactly.
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  return html`${parts.map((part, i) =>
    i % 2 === 1 && wanted.has(foldText(part)) ? html`<mark>${part}</mark>` : part,
  )}`;
}

const RATINGS = [9, 8, 7, 6, 5];

function option(value: string, label: string, selected: boolean): HtmlEscapedString {
  return html`<option value="${value}" ${selected ? html` selected` : ''}>${label}</option>`;
}

function facetOptions(
  facet: ContentPage['facets']['brands'],
  selected: string | undefined,
  label: (value: string) => string,
  all: readonly string[] | undefined,
): HtmlEscapedString {
  const counts = new Map(facet.map((f) => [f.value, f.count]));
  const values = [...(all ?? facet.map((f) => f.value))];
  // A selected value with no result is still offered, so the form shows what the URL says.
  if (selected && !values.includes(selected)) values.push(selected);
  return html`${option('', 'Any', !selected)}${values
    .filter((v) => counts.has(v) || v === selected)
    .map((v) => option(v, `${label(v)} (${counts.get(v) ?? 0})`, v === selected))}`;
}

function card(item: PageSummary): HtmlEscapedString {
  const { camera } = item;
  return html`<li class="card">
    <h3><a href="/review/${item.slug}">${highlight(item.title, item.matches)}</a></h3>
    <div class="tags">
      <span>${camera.brand}</span><span>${typeLabel(camera.type)}</span
      ><span>${sensorLabel(camera.sensor)}</span><span>${formatPrice(camera.priceUsd)}</span>
    </div>
    <p class="summary">${highlight(item.summary, item.matches)}</p>
    <div class="row">
      <span class="rating" aria-label="Rated ${formatScore(item.rating)} out of 10"
        >${formatScore(item.rating)}<small>/10</small></span
      >
      <label class="pick"
        ><input type="checkbox" name="slugs" value="${item.slug}" form="compare" /> Compare</label
      >
    </div>
  </li>`;
}

/** The results part of the page: what the island swaps in as the reader types. */
function results(state: HomeState, page: ContentPage): HtmlEscapedString {
  const items = page.items as PageSummary[];
  const searching = state.q !== undefined && state.q !== '';
  const heading = searching
    ? `${page.total} ${page.total === 1 ? 'review matches' : 'reviews match'} “${state.q}”`
    : `${page.total} ${page.total === 1 ? 'review' : 'reviews'}`;
  return html`<div class="results-head"><h2 id="results-title">${heading}</h2></div>
    ${
      items.length === 0
        ? html`<p>No review matches. Try fewer filters or another word.</p>`
        : html`<ul class="cards" aria-labelledby="results-title">
            ${items.map(card)}
          </ul>`
    }
    ${
      page.nextCursor
        ? html`<nav class="pager" aria-label="More results">
            <a class="button" href="/${homeQuery({ ...state, cursor: page.nextCursor })}"
              >More reviews</a
            >
          </nav>`
        : ''
    }`;
}

/** `/`: the latest reviews, search as you type, filters, sort, and picking cameras to compare. */
export function homePage(
  state: HomeState,
  page: ContentPage,
  origin: string,
  site: SiteContext,
): string {
  const main = html`<h1>Camera reviews</h1>
    <p class="lead">Tested, scored and compared: find the camera that suits how you shoot.</p>
    <form id="search" class="search" role="search" action="/" method="get">
      <div class="q">
        <label for="q">Search reviews</label>
        <input
          id="q"
          type="search"
          name="q"
          value="${state.q ?? ''}"
          placeholder="Try “autofocus”, “pocket” or “sony”"
          autocomplete="off"
          maxlength="200"
        />
      </div>
      <div>
        <label for="brand">Brand</label
        ><select id="brand" name="brand">
          ${facetOptions(page.facets.brands, state.brand, (v) => v, undefined)}
        </select>
      </div>
      <div>
        <label for="type">Type</label
        ><select id="type" name="type">
          ${facetOptions(page.facets.types, state.type, typeLabel, CAMERA_TYPES)}
        </select>
      </div>
      <div>
        <label for="sensor">Sensor</label
        ><select id="sensor" name="sensor">
          ${facetOptions(page.facets.sensors, state.sensor, sensorLabel, SENSOR_TYPES)}
        </select>
      </div>
      <div>
        <label for="minRating">Rating</label
        ><select id="minRating" name="minRating">
          ${option('', 'Any', state.minRating === undefined)}${RATINGS.map((r) => option(String(r), `${r}+`, state.minRating === r))}
        </select>
      </div>
      <div>
        <label for="minPrice">Min price (US$)</label
        ><input
          id="minPrice"
          name="minPrice"
          type="number"
          min="0"
          step="1"
          inputmode="numeric"
          placeholder="0"
          value="${state.minPrice ?? ''}"
        />
      </div>
      <div>
        <label for="maxPrice">Max price (US$)</label
        ><input
          id="maxPrice"
          name="maxPrice"
          type="number"
          min="0"
          step="1"
          inputmode="numeric"
          placeholder="Any"
          value="${state.maxPrice ?? ''}"
        />
      </div>
      <div>
        <label for="sort">Sort by</label
        ><select id="sort" name="sort">
          ${option('', state.q ? 'Best match' : 'Newest', state.sort === undefined)}${option('newest', 'Newest', state.sort === 'newest')}${option('rating', 'Highest rated', state.sort === 'rating')}${state.q ? option('relevance', 'Best match', state.sort === 'relevance') : ''}
        </select>
      </div>
      <div><button type="submit">Search</button></div>
    </form>
    <section id="results" aria-live="polite">${results(state, page)}</section>
    <form id="compare" class="compare-bar" action="/compare" method="get">
      <button type="submit" class="secondary">Compare selected</button
      ><span class="muted" data-picked>Tick 2 to 4 reviews to compare them.</span>
    </form>`;
  const filtered = homeQuery({ ...state, cursor: undefined }) !== '';
  return layout(
    {
      title: state.q ? `Reviews matching “${state.q}”` : SITE_NAME,
      description:
        'Independent camera reviews with specs, scores out of ten, pros and cons, and side-by-side comparisons.',
      canonical: `${origin}/${homeQuery(state)}`,
      type: 'website',
      noindex: filtered,
      feed: site.feed,
      jsonLd: filtered
        ? undefined
        : {
            '@context': 'https://schema.org',
            '@type': 'WebSite',
            name: SITE_NAME,
            url: `${origin}/`,
            potentialAction: {
              '@type': 'SearchAction',
              target: `${origin}/?q={search_term_string}`,
              'query-input': 'required name=search_term_string',
            },
          },
    },
    'reviews',
    main,
    visitCounterScript('default', site.siteKey, { show: false }),
  );
}
