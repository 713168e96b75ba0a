import { createHash } from 'node:crypto';

const MAX_NAME = 63;

/**
 * The name of the catalog Resource (type `kubernetes-namespace`) that stands for a provisioned namespace: the
 * namespace name with the environment appended unless already there, shortened with a hash when longer than an
 * entity name may be. Provisioning names the Resources it creates this way and the audit finds them by it.
 * @public
 */
export function namespaceResourceName(
  namespace: string,
  environment: string,
): string {
  const suffix = `-${environment}`;
  if (namespace.endsWith(suffix)) {
    return namespace;
  }
  const name = `${namespace}${suffix}`;
  if (name.length <= MAX_NAME) {
    return name;
  }
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const keep = MAX_NAME - suffix.length - hash.length - 1;
  return `${namespace.slice(0, keep).replace(/-+$/, '')}-${hash}${suffix}`;
}
