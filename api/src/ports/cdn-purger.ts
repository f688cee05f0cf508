/**
 * Removes cached public responses from the CDN by cache tag (see `domain/cache-tags.ts`), so a
 * publish is visible before the responses' `s-maxage` runs out. Called from a queued job, never
 * from a request: a purge may be slow or refused for a while.
 */
export interface CdnPurger {
  /**
   * Purges every cached response carrying any of `tags`; an empty list does nothing. Resolves
   * once the CDN has accepted the purge (it may take a little longer to reach every edge).
   * Repeating a purge is harmless.
   * @throws UnavailableError when the CDN refuses for now (throttled, too many purges in
   *   progress): the job should retry later.
   * @throws Error for a tag that is not a cache tag (a programming error).
   */
  purge(tags: readonly string[]): Promise<void>;
}
