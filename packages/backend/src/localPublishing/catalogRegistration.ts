import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import { ConflictError, InputError } from '@backstage/errors';
import { PublishCatalog } from './catalogApi';
import { CoveringLocation, findCoveringLocation } from './catalogLocation';

/** How long to wait for the catalog to list what was published, and how often to look. */
export interface RegistrationTiming {
  timeoutMs: number;
  pollMs: number;
}

export const DEFAULT_REGISTRATION_TIMING: RegistrationTiming = {
  timeoutMs: 60_000,
  pollMs: 1_000,
};

/**
 * The catalog Location that will read the published catalog file. Without one the catalog would
 * never see the repository, so publishing is refused before anything is written.
 */
export async function requireCoveringLocation(
  catalog: PublishCatalog,
  catalogFile: string,
  publishDirectory: string,
  credentials: BackstageCredentials,
): Promise<CoveringLocation> {
  const location = findCoveringLocation(
    await catalog.locations(credentials),
    catalogFile,
  );
  if (!location) {
    throw new InputError(
      `Cannot publish: no catalog location reads ${catalogFile}, so the catalog would never list it. Have the catalog read a Location { type: file, presence: optional, target: ${publishDirectory}/*/catalog-info.yaml } (for example from a catalog file listed in catalog.locations), and restart the backend.`,
    );
  }
  return location;
}

/** Refuses to publish entities the catalog already has: the catalog would keep the existing ones. */
export async function assertNotInCatalog(
  catalog: PublishCatalog,
  entityRefs: string[],
  credentials: BackstageCredentials,
): Promise<void> {
  const found = await catalog.entitiesByRefs(entityRefs, credentials);
  const existing = entityRefs.filter((_ref, i) => found[i] !== undefined);
  if (existing.length > 0) {
    throw new ConflictError(
      `Cannot publish: the catalog already has ${existing.join(
        ', ',
      )}; choose another name`,
    );
  }
}

/**
 * Has the catalog read the location now rather than at its next scheduled refresh, and waits until
 * it lists every published entity. When it does not in time, the error carries the processing
 * errors the catalog reported for the location and the entities.
 */
export async function registerThroughLocation(options: {
  catalog: PublishCatalog;
  location: CoveringLocation;
  entityRefs: string[];
  credentials: BackstageCredentials;
  logger: LoggerService;
  timing: RegistrationTiming;
  signal?: AbortSignal;
}): Promise<void> {
  const { catalog, location, entityRefs, credentials, logger, timing } =
    options;
  logger.info(
    `Asking the catalog to read ${location.entityRef} (${location.target}) now`,
  );
  await catalog.refresh(location.entityRef, credentials);
  const deadline = Date.now() + timing.timeoutMs;
  let missing = entityRefs;
  for (;;) {
    const found = await catalog.entitiesByRefs(entityRefs, credentials);
    missing = entityRefs.filter((_ref, i) => found[i] === undefined);
    if (missing.length === 0) {
      logger.info(`The catalog lists ${entityRefs.join(', ')}`);
      return;
    }
    if (Date.now() + timing.pollMs > deadline || options.signal?.aborted) {
      break;
    }
    await new Promise(resolve => setTimeout(resolve, timing.pollMs));
  }
  const [locationEntity] = await catalog.entitiesByRefs(
    [location.entityRef],
    credentials,
  );
  const errors = (
    (locationEntity as AlphaEntity | undefined)?.status?.items ?? []
  )
    .map(item => item.error?.message)
    .filter(Boolean);
  throw new Error(
    `The files are published, but the catalog did not list ${missing.join(
      ', ',
    )} within ${timing.timeoutMs / 1000} s${
      errors.length > 0
        ? `; it reported: ${errors.join('; ')}`
        : '; the catalog may still be busy, run the template again to wait once more'
    }`,
  );
}
