import { raw } from 'hono/html';
import { html } from './html.js';
import type { HtmlEscapedString } from 'hono/utils/html';
import { scoreChart } from './charts.js';
import { formatDate, formatPrice, formatScore, sensorLabel, typeLabel } from './format.js';
import { layout, SITE_NAME, type SiteContext } from './layout.js';
import { authorName, type PageDetail, type PageImage, type PageSummary } from './page-data.js';
import { visitCounterScript, visitCounterSlot } from './visit-counter-slot.js';

/** The visit counter a review page counts itself on. */
export const reviewCounterId = (slug: string): string => `review-${slug}`;

/** An image URL made absolute (link previews need one). */
function absolute(url: string, origin: string): string {
  return new URL(url, `${origin}/`).href;
}

const itemList = (items: readonly string[]) => ({
  '@type': 'ItemList',
  itemListElement: items.map((name, i) => ({ '@type': 'ListItem', position: i + 1, name })),
});

/**
 * schema.org `Review` of a `Product`, as search engines read review snippets: the rating out
 * of 10, the pros and cons as `positiveNotes`/`negativeNotes` item lists, author and dates.
 */
export function reviewJsonLd(detail: PageDetail, canonical: string, origin: string) {
  const author = authorName(detail.author);
  const camera = detail.camera;
  return {
    '@context': 'https://schema.org',
    '@type': 'Review',
    name: detail.title,
    url: canonical,
    description: detail.summary,
    datePublished: detail.publishedAt,
    dateModified: detail.updatedAt,
    author: author
      ? { '@type': 'Person', name: author }
      : { '@type': 'Organization', name: SITE_NAME },
    publisher: { '@type': 'Organization', name: SITE_NAME, url: `${origin}/` },
    itemReviewed: {
      '@type': 'Product',
      name: `${camera.brand} ${camera.model}`,
      brand: { '@type': 'Brand', name: camera.brand },
      model: camera.model,
      ...(detail.hero ? { image: absolute(detail.hero.url, origin) } : {}),
    },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: detail.rating,
      bestRating: 10,
      worstRating: 0,
    },
    ...(detail.pros.length > 0 ? { positiveNotes: itemList(detail.pros) } : {}),
    ...(detail.cons.length > 0 ? { negativeNotes: itemList(detail.cons) } : {}),
  };
}

function figure(image: PageImage, fallbackAlt: string, eager: boolean): HtmlEscapedString {
  return html`<figure class="hero">
    <img
      src="${image.url}"
      alt="${image.alt ?? fallbackAlt}"
      ${
        image.width && image.height ? html` width="${image.width}" height="${image.height}"` : ''
      }${eager ? '' : html` loading="lazy"`}
      decoding="async"
    />${image.alt ? html`<figcaption>${image.alt}</figcaption>` : ''}
  </figure>`;
}

function specs(detail: PageDetail): HtmlEscapedString {
  const c = detail.camera;
  const rows: Array<[string, string]> = [
    ['Brand', c.brand],
    ['Model', c.model],
    ['Type', typeLabel(c.type)],
    ['Sensor', sensorLabel(c.sensor)],
    ['Resolution', `${formatScore(c.megapixels)} MP`],
    ['Lens mount', c.mount === 'fixed' ? 'Fixed lens' : c.mount],
    ['Released', String(c.releaseYear)],
    ['Price at launch', formatPrice(c.priceUsd)],
  ];
  return html`<table class="specs">
    <caption class="sr">
      Specifications
    </caption>
    <tbody>
      ${rows.map(
        ([k, v]) =>
          html`<tr>
            <th scope="row">${k}</th>
            <td>${v}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function related(slug: string, items: readonly PageSummary[]): HtmlEscapedString {
  if (items.length === 0) return html``;
  return html`<section aria-labelledby="related-title">
    <h2 id="related-title">Related reviews</h2>
    <ul class="cards">
      ${items.map(
        (r) =>
          html`<li class="card">
            <h3><a href="/review/${r.slug}">${r.title}</a></h3>
            <div class="tags">
              <span>${r.camera.brand}</span><span>${typeLabel(r.camera.type)}</span>
            </div>
            <div class="row">
              <span class="rating" aria-label="Rated ${formatScore(r.rating)} out of 10"
                >${formatScore(r.rating)}<small>/10</small></span
              >
              <a href="/compare?slugs=${slug},${r.slug}"
                >Compare<span class="sr"> with this camera</span></a
              >
            </div>
          </li>`,
      )}
    </ul>
  </section>`;
}

/** `/review/{slug}`: the whole review, its specs and scores, pros and cons, and related reviews. */
export function reviewPage(
  detail: PageDetail,
  relatedReviews: readonly PageSummary[],
  origin: string,
  site: SiteContext,
): string {
  const canonical = `${origin}/review/${detail.slug}`;
  const author = authorName(detail.author);
  const c = detail.camera;
  const photos = (detail.photos ?? []).filter((p) => p.url !== detail.hero?.url);
  const main = html`<article>
      <p class="meta">
        <a href="/">Reviews</a><span aria-hidden="true">›</span
        ><a href="/?brand=${encodeURIComponent(c.brand)}">${c.brand}</a>
      </p>
      <div class="review-head">
        <div>
          <h1>${detail.title}</h1>
          <p class="meta">
            ${author ? html`<span>By ${author}</span>` : ''}<span
              >Published
              <time datetime="${detail.publishedAt}">${formatDate(detail.publishedAt)}</time></span
            >${
              detail.updatedAt.slice(0, 10) !== detail.publishedAt.slice(0, 10)
                ? html`<span
                    >Updated
                    <time datetime="${detail.updatedAt}"
                      >${formatDate(detail.updatedAt)}</time
                    ></span
                  >`
                : ''
            }
          </p>
          ${visitCounterSlot()}
        </div>
        <p class="rating big" aria-label="Rated ${formatScore(detail.rating)} out of 10">
          ${formatScore(detail.rating)}<small>/10</small>
        </p>
      </div>
      <p class="lead">${detail.summary}</p>
      ${detail.hero ? figure(detail.hero, `${c.brand} ${c.model}`, true) : ''}
      <div class="layout">
        <div class="body">
          ${raw(detail.html)} ${photos.map((p) => figure(p, `${c.brand} ${c.model}`, false))}
          <div class="proscons">
            <section class="pros">
              <h2>Pros</h2>
              <ul>
                ${detail.pros.map((p) => html`<li>${p}</li>`)}
              </ul>
            </section>
            <section class="cons">
              <h2>Cons</h2>
              <ul>
                ${detail.cons.map((p) => html`<li>${p}</li>`)}
              </ul>
            </section>
          </div>
        </div>
        <aside>
          <section class="panel" aria-labelledby="scores-title">
            <h2 id="scores-title">Scores</h2>
            ${scoreChart('scores', detail.rating, detail.scores)}
          </section>
          <section class="panel" aria-labelledby="specs-title">
            <h2 id="specs-title">Specifications</h2>
            ${specs(detail)}
          </section>
          <p><a class="button" href="/compare?slugs=${detail.slug}">Compare with…</a></p>
        </aside>
      </div>
    </article>
    ${related(detail.slug, relatedReviews)}`;
  return layout(
    {
      title: detail.title,
      description: detail.summary,
      canonical,
      type: 'article',
      ...(detail.hero
        ? {
            image: {
              url: absolute(detail.hero.url, origin),
              alt: detail.hero.alt ?? `${c.brand} ${c.model}`,
            },
          }
        : {}),
      jsonLd: reviewJsonLd(detail, canonical, origin),
      feed: site.feed,
    },
    'reviews',
    main,
    visitCounterScript(reviewCounterId(detail.slug), site.siteKey, { show: true }),
  );
}
