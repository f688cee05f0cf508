import type { PublicImage } from '../../domain/image.js';
import type { Camera, CameraType, ScoreCategory, Scores, SensorType } from '../../domain/review.js';

/**
 * Who wrote a review, as readers see it: the editor's display name only, never the email or id.
 */
export interface ContentAuthor {
  name: string;
}

/** A published review as lists show it. */
export interface ContentSummary {
  slug: string;
  title: string;
  summary: string;
  camera: Camera;
  rating: number;
  scores: Scores;
  publishedAt: string;
  updatedAt: string;
  /** The review's first ready photo, when it has one (see domain/image.ts `heroOf`). */
  hero?: PublicImage;
  /**
   * The author's name as it was when the review or the index was last built; absent when the
   * author's account is gone (demo reviews have none).
   */
  author?: ContentAuthor;
}

/** A list item: the summary, and with a search, the words it matched. */
export interface ContentItem extends ContentSummary {
  /**
   * With `q` only: the distinct indexed words of this review that the query matched, in their
   * folded form (lower case, accents stripped, transliterated: "autofokus" gives `autofocus`,
   * "cámara" gives `camara`), sorted. A reader highlights a word of the title or summary when its
   * {@link foldText} form is one of these. They are the review's words, not the query's, so a
   * prefix or a typo highlights the whole word it found.
   */
  matches?: string[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface ContentFacets {
  brands: FacetCount[];
  types: FacetCount[];
  sensors: FacetCount[];
}

export interface ContentPage {
  items: ContentItem[];
  /** How many published reviews match the query, over every page. */
  total: number;
  /**
   * Disjunctive counts over the whole result, not just this page: each facet counts the reviews
   * that match the query and every filter except its own, so a reader filtering by one brand
   * still sees the other brands with the number of reviews each would give.
   */
  facets: ContentFacets;
  nextCursor: string | null;
}

export interface CameraRow {
  brand: string;
  model: string;
  type: CameraType;
  sensor: SensorType;
  reviewCount: number;
  /** Mean rating of the camera's published reviews, to one decimal. */
  averageRating: number;
  /** Its reviews, oldest first. */
  slugs: string[];
}

export interface CameraList {
  items: CameraRow[];
}

export interface ComparedReview {
  slug: string;
  title: string;
  camera: Camera;
  rating: number;
  scores: Scores;
  pros: string[];
  cons: string[];
}

export interface Comparison {
  reviews: ComparedReview[];
  /** Per category (and overall rating), the slugs with the highest value; several on a tie. */
  best: Record<ScoreCategory | 'rating', string[]>;
}
