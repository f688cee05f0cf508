import { ValidationError, type FieldError } from './errors.js';

/** The checks every job queue adapter applies before enqueueing, so they refuse alike. */
export function assertJobRequest(job: { id: string; type: string; delayMs?: number }): void {
  const errors: FieldError[] = [];
  if (job.id.length === 0 || job.id.length > 512)
    errors.push({ field: 'id', message: '1 to 512 characters' });
  if (job.type.length === 0 || job.type.length > 128)
    errors.push({ field: 'type', message: '1 to 128 characters' });
  if (job.delayMs !== undefined && !(Number.isFinite(job.delayMs) && job.delayMs >= 0))
    errors.push({ field: 'delayMs', message: 'a finite number of milliseconds, 0 or more' });
  if (errors.length > 0) throw new ValidationError('Invalid job', errors);
}
