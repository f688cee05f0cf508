import type { CameraType, ScoreCategory, SensorType } from '../../domain/review.js';

/** How readers name each camera type. */
export const TYPE_LABELS: Record<CameraType, string> = {
  mirrorless: 'Mirrorless',
  dslr: 'DSLR',
  compact: 'Compact',
  'medium-format': 'Medium format',
  action: 'Action',
  film: 'Film',
  other: 'Other',
};

/** How readers name each sensor size. */
export const SENSOR_LABELS: Record<SensorType, string> = {
  'full-frame': 'Full frame',
  'aps-c': 'APS-C',
  'micro-four-thirds': 'Micro Four Thirds',
  'one-inch': '1-inch',
  'medium-format': 'Medium format',
  other: 'Other',
};

/** How readers name each score category. */
export const SCORE_LABELS: Record<ScoreCategory, string> = {
  imageQuality: 'Image quality',
  autofocus: 'Autofocus',
  video: 'Video',
  ergonomics: 'Ergonomics',
  value: 'Value',
};

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const PRICE = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});

/** `2026-11-21T09:00:00.000Z` → `21 November 2026` (UTC, so every server says the same). */
export const formatDate = (iso: string): string => DATE.format(new Date(iso));
/** `2499` → `$2,499`. */
export const formatPrice = (usd: number): string => PRICE.format(usd);
/** A rating or score with its one decimal when it has one: `8`, `8.5`. */
export const formatScore = (value: number): string =>
  Number.isInteger(value) ? String(value) : value.toFixed(1);

/** A type or sensor label, or the raw value for one added after this file. */
export const typeLabel = (type: string): string => TYPE_LABELS[type as CameraType] ?? type;
export const sensorLabel = (sensor: string): string =>
  SENSOR_LABELS[sensor as SensorType] ?? sensor;
