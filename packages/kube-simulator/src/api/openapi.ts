import { createHash } from 'node:crypto';
import { KUBERNETES_VERSION } from './discovery';
import { ResourceType } from './resources';
import { ResourceRegistry } from './ResourceRegistry';

/*
 * OpenAPI v3 as the API server serves it at `/openapi/v3` (an index of group versions) and
 * `/openapi/v3/<api|apis/group>/<version>` (one document each): the paths and operations the simulator
 * serves, each tagged with `x-kubernetes-group-version-kind` and `x-kubernetes-action` and listing its query
 * parameters. kubectl reads a type's PATCH operation to learn that the server takes `fieldValidation`, and then
 * leaves validation to the server instead of downloading schemas. No schemas: `kubectl explain` has nothing to
 * show, and the simulator does not check field names against one.
 */

type Parameter = {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  description: string;
  schema: { type: string; uniqueItems?: boolean };
};

const INTEGER_PARAMETERS = ['limit', 'timeoutSeconds'];
const BOOLEAN_PARAMETERS = [
  'watch',
  'allowWatchBookmarks',
  'sendInitialEvents',
];

function parameterType(name: string): string {
  if (INTEGER_PARAMETERS.includes(name)) return 'integer';
  return BOOLEAN_PARAMETERS.includes(name) ? 'boolean' : 'string';
}

const query = (name: string, description: string): Parameter => ({
  name,
  in: 'query',
  description,
  schema: { type: parameterType(name), uniqueItems: true },
});

const DRY_RUN = query(
  'dryRun',
  'When present ("All"), the write is checked and not persisted.',
);
const FIELD_MANAGER = query(
  'fieldManager',
  'The name of the actor making the change.',
);
const FIELD_VALIDATION = query(
  'fieldValidation',
  'Ignore, Warn or Strict. Accepted; the simulator has no schemas to check field names against.',
);
const FORCE = query(
  'force',
  'Server-side apply: take over fields other managers own.',
);
const LIST = [
  query('labelSelector', 'Selects objects by their labels.'),
  query('fieldSelector', 'Selects objects by their fields.'),
  query('limit', 'The most objects one page holds.'),
  query('continue', 'The token of the next page.'),
  query('watch', 'Watch for changes instead of listing.'),
  query('resourceVersion', 'A watch sends the changes after it.'),
  query('resourceVersionMatch', 'NotOlderThan, with sendInitialEvents.'),
  query('allowWatchBookmarks', 'Send BOOKMARK events.'),
  query('sendInitialEvents', 'Send the current state first.'),
  query('timeoutSeconds', 'End the watch after this many seconds.'),
];

const pathParam = (name: string): Parameter => ({
  name,
  in: 'path',
  required: true,
  description: `the ${name} of the object`,
  schema: { type: 'string', uniqueItems: true },
});

/** `api/v1` or `apis/<group>/<version>`, as the index names a group version. */
function groupVersionPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function operation(
  rt: ResourceType,
  action: string,
  operationId: string,
  parameters: Parameter[],
) {
  return {
    operationId,
    parameters,
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': {
      group: rt.group,
      version: rt.version,
      kind: rt.kind,
    },
  };
}

/** The paths of one type: collection, object, status subresource, and the list across namespaces. */
function typePaths(rt: ResourceType): Record<string, unknown> {
  const base = `/${groupVersionPath(rt.group, rt.version)}`;
  const scope = rt.namespaced ? 'Namespaced' : '';
  const id = (verb: string, suffix = '') =>
    `${verb}${scope}${rt.kind}${suffix}`;
  const ns = rt.namespaced ? [pathParam('namespace')] : [];
  const collection = `${base}${
    rt.namespaced ? '/namespaces/{namespace}' : ''
  }/${rt.plural}`;
  const object = `${collection}/{name}`;
  const named = [pathParam('name'), ...ns];
  const write = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
  const paths: Record<string, unknown> = {
    [collection]: {
      get: operation(rt, 'list', id('list'), [...ns, ...LIST]),
      post: operation(rt, 'post', id('create'), [...ns, ...write]),
      ...(rt.kind === 'Namespace' && rt.group === ''
        ? {}
        : {
            delete: operation(rt, 'deletecollection', id('deleteCollection'), [
              ...ns,
              DRY_RUN,
              ...LIST,
            ]),
          }),
    },
    [object]: {
      get: operation(rt, 'get', id('read'), named),
      put: operation(rt, 'put', id('replace'), [...named, ...write]),
      patch: operation(rt, 'patch', id('patch'), [...named, ...write, FORCE]),
      delete: operation(rt, 'delete', id('delete'), [...named, DRY_RUN]),
    },
  };
  if (rt.statusSubresource) {
    paths[`${object}/status`] = {
      get: operation(rt, 'get', id('read', 'Status'), named),
      put: operation(rt, 'put', id('replace', 'Status'), [...named, ...write]),
      patch: operation(rt, 'patch', id('patch', 'Status'), [
        ...named,
        ...write,
        FORCE,
      ]),
    };
  }
  if (rt.namespaced) {
    paths[`${base}/${rt.plural}`] = {
      get: operation(rt, 'list', `list${rt.kind}ForAllNamespaces`, LIST),
    };
  }
  return paths;
}

function groupVersionDocument(gv: {
  group: string;
  version: string;
  resources: ResourceType[];
}): Record<string, unknown> {
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion },
    paths: Object.assign({}, ...gv.resources.map(typePaths)),
    components: { schemas: {} },
  };
}

interface Documents {
  index: Record<string, unknown>;
  byPath: Map<string, Record<string, unknown>>;
}

/** Built once per set of served types (they change with CustomResourceDefinitions). */
const built = new WeakMap<
  ResourceRegistry,
  { generation: number; documents: Documents }
>();

function documentsOf(types: ResourceRegistry): Documents {
  const cached = built.get(types);
  if (cached && cached.generation === types.generation) return cached.documents;
  const documents = build(types);
  built.set(types, { generation: types.generation, documents });
  return documents;
}

/** Each index entry carries its document's hash, as the API server's. */
function build(types: ResourceRegistry): Documents {
  const byPath = new Map<string, Record<string, unknown>>();
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of types.groupVersions()) {
    const path = groupVersionPath(gv.group, gv.version);
    const doc = groupVersionDocument(gv);
    const hash = createHash('sha512')
      .update(JSON.stringify(doc))
      .digest('hex')
      .toUpperCase();
    byPath.set(path, doc);
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { index: { paths }, byPath };
}

/** `/openapi/v3`: each served group version and the URL of its document. */
export function openApiV3Index(
  types: ResourceRegistry,
): Record<string, unknown> {
  return documentsOf(types).index;
}

/** `/openapi/v3/<path>`: the document of one group version, or undefined when not served. */
export function openApiV3Document(
  types: ResourceRegistry,
  path: string,
): Record<string, unknown> | undefined {
  return documentsOf(types).byPath.get(path);
}
