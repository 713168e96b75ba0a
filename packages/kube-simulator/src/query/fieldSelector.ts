import { ResourceType } from '../api/resources';
import { badRequest } from '../api/status';
import { KubeObject, isPlainObject } from '../store/objects';

interface FieldRequirement {
  field: string;
  negated: boolean;
  value: string;
}

/** Field selectors served for every type, plus a few per kind as the API server offers them. */
const FIELDS_BY_KIND: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.serviceAccountName', 'status.phase'],
  Secret: ['type'],
};

function read(obj: KubeObject, path: string): string {
  let current: unknown = obj;
  for (const part of path.split('.')) {
    current = isPlainObject(current) ? current[part] : undefined;
  }
  return typeof current === 'string' ? current : '';
}

/** A compiled field selector: a predicate over objects. */
export type FieldSelector = (obj: KubeObject) => boolean;

/**
 * Parses the `fieldSelector` query parameter (`f=v`, `f==v`, `f!=v`, comma separated) for a type.
 * Throws a 400 BadRequest for unsupported fields, as the API server does.
 */
export function parseFieldSelector(
  text: string | null | undefined,
  rt: ResourceType,
): FieldSelector {
  if (!text || text.trim() === '') return () => true;
  const supported = [
    'metadata.name',
    'metadata.namespace',
    ...(FIELDS_BY_KIND[rt.kind] ?? []),
  ];
  const requirements: FieldRequirement[] = text.split(',').map(term => {
    const m = /^\s*([^=!\s]+)\s*(==|!=|=)\s*(.*?)\s*$/.exec(term);
    if (!m)
      throw badRequest(
        `invalid selector: '${text}'; can't understand '${term}'`,
      );
    if (!supported.includes(m[1])) {
      throw badRequest(`field label not supported: ${m[1]}`);
    }
    return { field: m[1], negated: m[2] === '!=', value: m[3] };
  });
  return obj =>
    requirements.every(r => (read(obj, r.field) === r.value) !== r.negated);
}
