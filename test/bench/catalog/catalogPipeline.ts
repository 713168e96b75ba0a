import { createHash } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import { WinstonLogger } from '@backstage/backend-defaults/rootLogger';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  makeValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import {
  AnnotateLocationEntityProcessor,
  BuiltinKindsEntityProcessor,
  FileReaderProcessor,
  PlaceholderProcessor,
  UrlReaderProcessor,
} from '@backstage/plugin-catalog-backend';
import { ScaffolderEntitiesProcessor } from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import stableStringify from 'fast-json-stable-stringify';
import { transports } from 'winston';

/** What the catalog's processing orchestrator returns for one entity (the fields the benchmark reads). */
export interface ProcessingResult {
  ok: boolean;
  /** The processors' cache, which the engine keeps for the entity's next pass. */
  state?: Record<string, unknown>;
  completedEntity?: Entity;
  relations?: unknown[];
  deferredEntities?: unknown[];
  refreshKeys?: unknown[];
  errors: Error[];
}

export interface CatalogPipeline {
  /**
   * Processes one entity with the state its previous pass left; `resultHash` is what the engine compares to decide
   * whether anything is written.
   */
  process(
    entity: Entity,
    state?: Record<string, unknown>,
  ): Promise<ProcessingResult & { resultHash: string }>;
  /** Replaces the processors added after the catalog's own, in place: the same orchestrator runs with and without. */
  use(extra: CatalogProcessor[]): void;
}

// The processing engine's hash of a result (DefaultCatalogProcessingEngine): computed for every entity processed.
const stableStringifyArray = (items: unknown[]) =>
  `[${items
    .map(i => stableStringify(i))
    .sort()
    .join(',')}]`;
function resultHash(result: ProcessingResult, parents: string[]): string {
  const hash = createHash('sha1').update(
    JSON.stringify(
      result.errors.map(e => ({ name: e.name, message: e.message })),
    ),
  );
  if (result.ok) {
    hash
      .update(stableStringify({ ...result.completedEntity }))
      .update(stableStringifyArray([...(result.deferredEntities ?? [])]))
      .update(stableStringifyArray([...(result.relations ?? [])]))
      .update(stableStringifyArray([...(result.refreshKeys ?? [])]))
      .update(stableStringifyArray(parents));
  }
  return hash.digest('hex');
}

// The orchestrator and the catalog's own internals are not exported by the package: loaded from its build, so
// the benchmark runs exactly the code the catalog runs on every entity.
const catalogDist = path.join(
  path.dirname(require.resolve('@backstage/plugin-catalog-backend')),
);
function internal<T>(file: string): T {
  return require(path.join(catalogDist, file));
}

/**
 * The catalog plugin's logger as a production backend builds it: the root Winston logger at level info, as a child
 * for the plugin (the orchestrator makes a child of it for each processor step). Nothing logs at info while
 * entities process cleanly; what would is discarded.
 */
export function catalogLogger(): LoggerService {
  const discard = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  return WinstonLogger.create({
    meta: { service: 'backstage' },
    level: 'info',
    transports: [new transports.Stream({ stream: discard })],
  }).child({ plugin: 'catalog' });
}

/**
 * The catalog's processing of one entity as `CatalogBuilder` sets it up by default — placeholder resolution, the
 * built-in kinds (validation, sorting, relations), file and URL readers, location annotations, the default entity
 * policies and catalog rules — plus the scaffolder's entity model as the portal installs it, with the processors
 * given to `use` added after those, as modules add theirs — and the engine's work on each result short of the
 * database: hashing it to find whether anything changed.
 */
export function catalogPipeline(logger: LoggerService): CatalogPipeline {
  const config = new ConfigReader({});
  const integrations = ScmIntegrations.fromConfig(config);
  const reader = {
    readUrl: async () => {
      throw new Error('no URL is read while processing components');
    },
    readTree: async () => {
      throw new Error('no tree is read');
    },
    search: async () => {
      throw new Error('no search is made');
    },
  };
  const {
    jsonPlaceholderResolver,
    yamlPlaceholderResolver,
    textPlaceholderResolver,
  } = internal<any>('processors/PlaceholderProcessor.cjs.js');
  const processors: CatalogProcessor[] = [
    new PlaceholderProcessor({
      resolvers: {
        json: jsonPlaceholderResolver,
        yaml: yamlPlaceholderResolver,
        text: textPlaceholderResolver,
      },
      reader,
      integrations,
    }),
    new BuiltinKindsEntityProcessor(),
    new FileReaderProcessor(),
    new UrlReaderProcessor({ reader, logger }),
    new AnnotateLocationEntityProcessor({ integrations }),
    // The portal's backend (packages/backend) also installs the scaffolder's entity model module.
    new ScaffolderEntitiesProcessor(),
  ];
  const builtIn = processors.length;
  const policy = EntityPolicies.allOf([
    new SchemaValidEntityPolicy(),
    new DefaultNamespaceEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
    new FieldFormatEntityPolicy(makeValidator()),
  ]);
  const { DefaultCatalogProcessingOrchestrator } = internal<any>(
    'processing/DefaultCatalogProcessingOrchestrator.cjs.js',
  );
  const { DefaultCatalogRulesEnforcer } = internal<any>(
    'ingestion/CatalogRules.cjs.js',
  );
  const { defaultEntityDataParser } = internal<any>('util/parse.cjs.js');
  const orchestrator = new DefaultCatalogProcessingOrchestrator({
    processors,
    integrations,
    rulesEnforcer: DefaultCatalogRulesEnforcer.fromConfig(config),
    logger,
    parser: defaultEntityDataParser,
    policy,
  });
  return {
    use: next => {
      processors.splice(builtIn, processors.length - builtIn, ...next);
    },
    process: async (entity, state = {}) => {
      // Like the processing engine: the unprocessed entity as read from its table, and the state of the last pass.
      const result: ProcessingResult = await orchestrator.process({
        entity: structuredClone(entity),
        state,
      });
      const parents = [`location:default/${entity.metadata.name}`];
      return { ...result, resultHash: resultHash(result, parents) };
    },
  };
}
