import { nameKey } from '../../domain/fold.js';
import type { CameraList, CameraRow, ContentSummary } from './content-types.js';

/** One collator for every comparison: `localeCompare` with options builds one per call. */
const byName = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * One row per camera: its reviews grouped by brand and model under {@link nameKey} ("FUJIFILM
 * x100vi" and "Fujifilm X100VI" are one camera), shown with the brand's display name and the
 * model's most frequent spelling (the oldest on a tie), the type and sensor of its oldest review,
 * and sorted by brand then model, case aside.
 *
 * @param reviews newest first, as the artifact holds them
 * @param brandName the display name of each review's brand
 */
export function cameraTable(
  reviews: ReadonlyArray<Pick<ContentSummary, 'slug' | 'camera' | 'rating'>>,
  brandName: (doc: number) => string,
): CameraList {
  const groups = new Map<string, { docs: number[]; models: Map<string, number> }>();
  for (let doc = reviews.length - 1; doc >= 0; doc--) {
    const { brand, model } = reviews[doc]!.camera;
    const key = `${nameKey(brand)}\n${nameKey(model)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { docs: [], models: new Map() }));
    group.docs.push(doc);
    group.models.set(model, (group.models.get(model) ?? 0) + 1);
  }
  const items = [...groups.values()].map(({ docs, models }): CameraRow => {
    const oldest = reviews[docs[0]!]!;
    let model = '';
    let modelCount = 0;
    for (const [spelling, count] of models) {
      if (count > modelCount) [model, modelCount] = [spelling, count];
    }
    const ratingSum = docs.reduce((sum, doc) => sum + reviews[doc]!.rating, 0);
    return {
      brand: brandName(docs[0]!),
      model,
      type: oldest.camera.type,
      sensor: oldest.camera.sensor,
      reviewCount: docs.length,
      averageRating: Math.round((ratingSum / docs.length) * 10) / 10,
      slugs: docs.map((doc) => reviews[doc]!.slug),
    };
  });
  items.sort((a, b) => byName.compare(a.brand, b.brand) || byName.compare(a.model, b.model));
  return { items };
}
