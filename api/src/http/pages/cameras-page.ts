import { html } from './html.js';
import type { CameraList } from '../../services/content-index/content-types.js';
import { formatScore, sensorLabel, typeLabel } from './format.js';
import { layout, type SiteContext } from './layout.js';
import { visitCounterScript } from './visit-counter-slot.js';

const BAR = 80;

/** `/cameras`: every reviewed camera with its average rating and its reviews. */
export function camerasPage(cameras: CameraList, origin: string, site: SiteContext): string {
  const main = html`<h1>Cameras</h1>
    <p class="lead">Every camera we have reviewed, with its average rating.</p>
    <div class="scroll" role="region" aria-labelledby="cameras-title" tabindex="0">
      <table class="grid">
        <caption class="sr" id="cameras-title">
          Reviewed cameras
        </caption>
        <thead>
          <tr>
            <th scope="col">Camera</th>
            <th scope="col">Type</th>
            <th scope="col">Sensor</th>
            <th scope="col">Average rating</th>
            <th scope="col">Reviews</th>
          </tr>
        </thead>
        <tbody>
          ${cameras.items.map(
            (camera) =>
              html`<tr>
                <th scope="row">
                  <a href="/review/${camera.slugs[camera.slugs.length - 1]}"
                    >${camera.brand} ${camera.model}</a
                  >
                </th>
                <td>${typeLabel(camera.type)}</td>
                <td>${sensorLabel(camera.sensor)}</td>
                <td>
                  <strong>${formatScore(camera.averageRating)}</strong>/10
                  <svg width="${BAR}" height="8" aria-hidden="true">
                    <rect width="${BAR}" height="8" rx="3" fill="#eceef0" />
                    <rect
                      width="${((camera.averageRating / 10) * BAR).toFixed(1)}"
                      height="8"
                      rx="3"
                      fill="#b3261e"
                    />
                  </svg>
                </td>
                <td>${camera.reviewCount}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  return layout(
    {
      title: 'Cameras',
      description: `${cameras.items.length} reviewed cameras with their average ratings.`,
      canonical: `${origin}/cameras`,
      type: 'website',
      feed: site.feed,
    },
    'cameras',
    main,
    visitCounterScript('default', site.siteKey, { show: false }),
  );
}
