import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ResourceInfo } from './knownResources';
import { apiVersionPath } from './ResourceResolver';

/**
 * The REST path of a kind, optionally narrowed to a namespace and an object. Names are checked so
 * that no input can step outside the resource it addresses (`..`, `/`, encoded separators).
 */
export function resourcePath(
  apiVersion: string,
  kind: string,
  info: ResourceInfo,
  address: { namespace?: string; name?: string; listing?: boolean },
): string {
  const { namespace, name, listing } = address;
  if (namespace !== undefined) {
    if (!info.namespaced) {
      throw new InputError(
        `${kind} is cluster-scoped; it has no namespace (got '${namespace}')`,
      );
    }
    if (!KubernetesValidatorFunctions.isValidNamespace(namespace)) {
      throw new InputError(`'${namespace}' is not a valid namespace name`);
    }
  } else if (info.namespaced && !listing) {
    throw new InputError(`${kind} '${name}' is namespaced; give its namespace`);
  }
  if (name !== undefined && !isSafeName(name)) {
    throw new InputError(`'${name}' is not a valid ${kind} name`);
  }

  let path = apiVersionPath(apiVersion);
  if (namespace !== undefined) {
    path += `/namespaces/${namespace}`;
  }
  path += `/${info.plural}`;
  if (name !== undefined) {
    path += `/${encodeURIComponent(name)}`;
  }
  return path;
}

function isSafeName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 253 &&
    name !== '.' &&
    name !== '..' &&
    !/[/%\s]/.test(name)
  );
}
