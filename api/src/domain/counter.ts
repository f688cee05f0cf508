import { ValidationError } from './errors.js';

/** 1–64 chars of `[a-z0-9._-]`, starting alphanumeric: safe in URLs, keys and file names alike. */
export const COUNTER_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** How many days of daily counts `GET /visits/{id}` returns for a chart. */
export const DAILY_HISTORY_DAYS = 30;

export interface DayTotals {
  /** UTC calendar day, `YYYY-MM-DD`. */
  date: string;
  count: number;
  uniqueVisitors: number;
}

/** What one recorded visit returns: the running total and today's figures. */
export interface VisitResult {
  id: string;
  count: number;
  today: DayTotals;
}

/** A counter as read for display: total plus one entry per day, oldest first, gaps as zero. */
export interface CounterView {
  id: string;
  count: number;
  today: DayTotals;
  daily: DayTotals[];
}

export function isCounterId(value: string): boolean {
  return COUNTER_ID_PATTERN.test(value);
}

export function assertCounterId(value: string): string {
  if (!isCounterId(value)) {
    throw new ValidationError('Invalid counter id', [
      {
        field: 'counterId',
        message: '1–64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
      },
    ]);
  }
  return value;
}
