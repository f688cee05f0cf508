import type { Clock } from '../ports/clock.js';
import { createAccountServices } from './account-services.js';
import { createContentServices } from './content-services.js';
import { createReviewServices } from './review-services.js';
import { createSiteCounterService } from './counter-settings-service.js';
import type { ServiceOptions, Services, Stores } from './service-types.js';
import { createVisitServices } from './visit-services.js';

export type {
  AccountServices,
  ContentServices,
  ReviewServices,
  ServiceOptions,
  Services,
  Stores,
  VisitServices,
} from './service-types.js';

/**
 * Every service, for a process that serves every controller (the local server, the command
 * lines, tests). Each Lambda builds only its own set (visit-, account-, review-, content-services)
 * so that its bundle carries nothing it never runs.
 */
export function createServices(
  stores: Stores,
  clock: Clock,
  options: ServiceOptions = {},
): Services {
  const { content, previews } = createContentServices(stores, clock);
  const { reviews, revisions, idempotency, images, previewLinks } = createReviewServices(
    stores,
    clock,
    options,
  );
  const { counters, publicCounters } = createVisitServices(stores, clock);
  const accounts = createAccountServices(stores, clock, options);
  const siteCounter = createSiteCounterService({
    settings: stores.counterSettings,
    apiKeys: accounts.apiKeys,
  });
  return {
    ...accounts,
    counters,
    publicCounters,
    siteCounter,
    reviews,
    revisions,
    idempotency,
    images,
    content,
    previewLinks,
    previews,
  };
}
