/**
 * What the counter feature keeps besides the counts: which counters their owner made public (their
 * badge answers without a key), and the API key the server's own reader pages count themselves
 * with. Kept apart from the `CounterStore` so the hot path of a visit never reads it.
 */
export interface CounterSettingsStore {
  /** Marks a counter public or private; a counter never visited may be marked too. */
  setPublic(counterId: string, isPublic: boolean, at: Date): Promise<void>;

  /** Whether the counter's owner marked it public; false for any counter never marked. */
  isPublic(counterId: string): Promise<boolean>;

  /**
   * The site key's secret (`shk_…`), which the reader pages embed, so not a secret to anyone
   * reading them; `undefined` until {@link putSiteKeyIfAbsent} has run.
   */
  getSiteKey(): Promise<string | undefined>;

  /**
   * Keeps `key` as the site key unless one is already kept, atomically: of two processes at first
   * run, one wins. @returns the key now kept (the winner's).
   */
  putSiteKeyIfAbsent(key: string): Promise<string>;
}
