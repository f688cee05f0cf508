/**
 * How a job travels as an SQS message, shared by the producer and the batch consumer: the payload
 * as the JSON body, the job id and type as string message attributes (so they can be read, and
 * filtered on in the console, without parsing the body).
 */
export const JOB_ID_ATTRIBUTE = 'jobId';
export const JOB_TYPE_ATTRIBUTE = 'jobType';
/** When the job was enqueued, epoch ms; SQS's own `SentTimestamp` says the same for a first send. */
export const ENQUEUED_AT_ATTRIBUTE = 'enqueuedAt';

/** SQS's ceiling on `DelaySeconds`. */
export const MAX_SQS_DELAY_SECONDS = 900;

/**
 * `delayMs` as SQS's whole `DelaySeconds`, rounded up so a job never runs early.
 * @throws RangeError past 900 s, which SQS cannot delay; such work needs a scheduler instead.
 */
export function sqsDelaySeconds(delayMs: number | undefined): number {
  const seconds = Math.ceil((delayMs ?? 0) / 1000);
  if (seconds > MAX_SQS_DELAY_SECONDS)
    throw new RangeError(`SQS delays at most ${MAX_SQS_DELAY_SECONDS} s; got ${delayMs} ms`);
  return seconds;
}
