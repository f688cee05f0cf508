import type { Camera, Scores } from '../../domain/review.js';
import type {
  CameraList,
  Comparison,
  ContentPage,
} from '../../services/content-index/content-types.js';

/**
 * What the pages read from the content service's JSON, typed. Optional fields are those other
 * changes add to summaries and details (author, hero photo, photos): a page shows them when a
 * document has them, and stays whole when it does not.
 */
export interface PageImage {
  url: string;
  alt?: string;
  width?: number;
  height?: number;
}

export interface PageAuthor {
  name: string;
}

export interface PageSummary {
  slug: string;
  title: string;
  summary: string;
  camera: Camera;
  rating: number;
  scores: Scores;
  publishedAt: string;
  updatedAt: string;
  matches?: string[];
  author?: PageAuthor | string;
  hero?: PageImage;
}

export interface PageDetail extends PageSummary {
  pros: string[];
  cons: string[];
  html: string;
  photos?: PageImage[];
}

export type { CameraList, Comparison, ContentPage };

/** An author as a name, whether a document holds a string or `{ name }`. */
export function authorName(author: PageSummary['author']): string | undefined {
  if (typeof author === 'string') return author || undefined;
  return author?.name || undefined;
}
