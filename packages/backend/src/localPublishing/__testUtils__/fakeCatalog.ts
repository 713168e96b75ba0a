import { glob, readFile } from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import { parseAllDocuments } from 'yaml';

/** A request the fake catalog answered, with who it was made for (from the mock token). */
export interface CatalogRequest {
  method: string;
  path: string;
  /** The user the token was issued on behalf of. */
  onBehalfOf?: string;
  /** The plugin the token was issued for. */
  target?: string;
}

export interface FakeCatalog {
  /** The catalog's base URL, as discovery gives it. */
  baseUrl: string;
  requests: CatalogRequest[];
  /** Every entity the catalog lists, by ref. */
  entities: Map<string, Entity>;
  /** Whether refreshes lead to reading files; false makes a stuck catalog. */
  processing: boolean;
  /** Adds a `file` Location, as a catalog file listed in catalog.locations would. */
  addFileLocation(location: FileLocation): void;
  close(): Promise<void>;
}

/**
 * A `file` Location: a name and a glob, absolute as catalog.locations gives it, or relative to
 * `heldBy`, the catalog file holding the Location (then with presence optional).
 */
export interface FileLocation {
  name: string;
  target: string;
  heldBy?: string;
}

/**
 * A catalog that behaves like Backstage's for what publishing uses: `file` Location entities from
 * configuration whose target is a glob; a refresh of such a Location reads the files matching it
 * (after `processingDelayMs`, as the processing loop would), lists their entities and records read
 * problems in the Location's status; `by-refs` answers null for what it does not list. Requests
 * without a token are refused with 401.
 */
export async function startFakeCatalog(options: {
  fileLocations: FileLocation[];
  /** Entities already in the catalog. */
  entities?: Entity[];
  processingDelayMs?: number;
}): Promise<FakeCatalog> {
  const entities = new Map<string, Entity>();
  const add = (entity: Entity) =>
    entities.set(
      stringifyEntityRef({
        kind: entity.kind,
        namespace: entity.metadata.namespace,
        name: entity.metadata.name,
      }),
      entity,
    );
  const addFileLocation: FakeCatalog['addFileLocation'] = location =>
    add({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: {
        name: location.name,
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${
            location.heldBy ?? location.target
          }`,
        },
      },
      spec: {
        type: 'file',
        target: location.target,
        ...(location.heldBy ? { presence: 'optional' } : {}),
      },
    });
  options.fileLocations.forEach(addFileLocation);
  options.entities?.forEach(add);
  const requests: CatalogRequest[] = [];
  const fake: FakeCatalog = {
    baseUrl: '',
    requests,
    entities,
    processing: true,
    addFileLocation,
    close: async () => {},
  };

  async function readLocation(ref: string) {
    const location = entities.get(ref);
    const spec = location?.spec as { target?: string } | undefined;
    if (!location || !spec?.target) {
      return;
    }
    // As the catalog's file reader: a relative target starting with '.' is relative to the file
    // holding the Location.
    const heldBy = location.metadata.annotations?.[
      'backstage.io/managed-by-location'
    ]?.replace(/^file:/, '');
    const target =
      spec.target.startsWith('.') && heldBy
        ? path.join(path.dirname(heldBy), spec.target)
        : spec.target;
    const errors: string[] = [];
    for await (const file of glob(target)) {
      const text = await readFile(file, 'utf8');
      for (const document of parseAllDocuments(text)) {
        const entity = document.toJS() as Entity;
        const entityRef = stringifyEntityRef({
          kind: entity.kind,
          namespace: entity.metadata.namespace,
          name: entity.metadata.name,
        });
        const existing = entities.get(entityRef);
        const origin = `file:${path.normalize(file)}`;
        if (
          existing &&
          existing.metadata.annotations?.[
            'backstage.io/managed-by-location'
          ] !== origin
        ) {
          errors.push(`Conflicting entity ${entityRef} from ${origin}`);
          continue;
        }
        add({
          ...entity,
          metadata: {
            ...entity.metadata,
            namespace: entity.metadata.namespace ?? 'default',
            annotations: {
              ...entity.metadata.annotations,
              'backstage.io/managed-by-location': origin,
            },
          },
        });
      }
    }
    (location as AlphaEntity).status = {
      items: errors.map(message => ({
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message,
        error: { name: 'ConflictError', message },
      })),
    };
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://catalog');
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const claims = token.startsWith('mock-service-token:')
      ? JSON.parse(token.slice('mock-service-token:'.length))
      : {};
    requests.push({
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      onBehalfOf: claims.obo,
      target: claims.target,
    });
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (!token) {
      send(401, {
        error: { name: 'AuthenticationError', message: 'no token' },
      });
      return;
    }
    let raw = '';
    for await (const chunk of req) {
      raw += chunk;
    }
    const body = raw ? JSON.parse(raw) : {};
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /api/catalog/entities') {
      const kind = url.searchParams.get('filter')?.match(/^kind=(\w+)$/)?.[1];
      send(
        200,
        [...entities.values()].filter(
          e => !kind || e.kind.toLowerCase() === kind.toLowerCase(),
        ),
      );
    } else if (route === 'POST /api/catalog/entities/by-refs') {
      send(200, {
        items: (body.entityRefs as string[]).map(
          ref => entities.get(ref) ?? null,
        ),
      });
    } else if (route === 'POST /api/catalog/refresh') {
      if (!entities.has(body.entityRef)) {
        send(404, {
          error: { name: 'NotFoundError', message: `no ${body.entityRef}` },
        });
        return;
      }
      if (fake.processing) {
        setTimeout(
          () => void readLocation(body.entityRef),
          options.processingDelayMs ?? 20,
        );
      }
      send(200);
    } else {
      send(404, { error: { name: 'NotFoundError', message: route } });
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.baseUrl = `http://127.0.0.1:${port}/api/catalog`;
  fake.close = () => new Promise(resolve => server.close(() => resolve()));
  return fake;
}
