import type { CounterSettingsStore } from '../ports/counter-settings-store.js';
import type { SiteCounterService } from './counter-settings-service.js';

/**
 * The site key as the reader pages need it, for a process that may only read it (the content
 * Lambda, whose role reads that one item and may create no API key). Making the key is the job of
 * `npm run keys -- site` or the local server's first run; asking here is a wiring mistake, so it
 * fails loudly. The key never changes once made, so one successful read per process is enough;
 * until it exists the pages render without a counter and each render asks again.
 */
export function createSiteKeyReader(settings: CounterSettingsStore): SiteCounterService {
  let cached: string | undefined;
  return {
    async key() {
      cached ??= await settings.getSiteKey();
      return cached;
    },
    ensureKey() {
      return Promise.reject(
        new Error('This process only reads the site key; make it with `npm run keys -- site`'),
      );
    },
  };
}
