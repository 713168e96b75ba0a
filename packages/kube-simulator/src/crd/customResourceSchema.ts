import { StatusCause } from '../api/status';
import { isPlainObject, JsonObject } from '../store/objects';

type Schema = JsonObject;

const PRESERVE = 'x-kubernetes-preserve-unknown-fields';
const INT_OR_STRING = 'x-kubernetes-int-or-string';

/** Field paths as the API server writes them: `spec.engine`, `spec.items[0].name`. */
const child = (path: string, key: string) => (path ? `${path}.${key}` : key);

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

function typeMatches(schema: Schema, value: unknown): boolean {
  if (schema[INT_OR_STRING] === true)
    return typeof value === 'string' || Number.isInteger(value);
  const type = schema.type;
  if (typeof type !== 'string') return true;
  const actual = jsonType(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const propertiesOf = (schema: Schema): JsonObject =>
  isPlainObject(schema.properties) ? schema.properties : {};

/** The schema of a map value, when `additionalProperties` gives one. */
function additionalOf(schema: Schema): Schema | undefined {
  return isPlainObject(schema.additionalProperties)
    ? schema.additionalProperties
    : undefined;
}

/**
 * Drops the fields a structural schema does not declare, as the API server prunes custom resources, and returns
 * their paths. `apiVersion`, `kind` and `metadata` at the root are never pruned; `x-kubernetes-preserve-unknown-
 * fields` and `additionalProperties` keep what is under them.
 */
export function pruneUnknownFields(schema: Schema, obj: JsonObject): string[] {
  const pruned: string[] = [];
  const walk = (s: Schema, value: unknown, path: string, root: boolean) => {
    if (Array.isArray(value)) {
      const items = isPlainObject(s.items) ? s.items : undefined;
      if (items)
        value.forEach((v, i) => walk(items, v, `${path}[${i}]`, false));
      return;
    }
    if (!isPlainObject(value)) return;
    const properties = propertiesOf(s);
    const additional = additionalOf(s);
    for (const key of Object.keys(value)) {
      if (root && ['apiVersion', 'kind', 'metadata'].includes(key)) continue;
      const declared = properties[key];
      if (isPlainObject(declared))
        walk(declared, value[key], child(path, key), false);
      else if (additional)
        walk(additional, value[key], child(path, key), false);
      else if (s[PRESERVE] !== true && s.additionalProperties !== true) {
        delete value[key];
        pruned.push(child(path, key));
      }
    }
  };
  walk(schema, obj, '', true);
  return pruned;
}

const invalid = (
  field: string,
  value: unknown,
  detail: string,
): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
  field,
});

function checkBounds(
  s: Schema,
  value: unknown,
  path: string,
  causes: StatusCause[],
): void {
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number') {
      const below =
        s.exclusiveMinimum === true ? value <= s.minimum : value < s.minimum;
      if (below)
        causes.push(
          invalid(
            path,
            value,
            `${path} in body should be greater than ${
              s.exclusiveMinimum === true ? '' : 'or equal to '
            }${s.minimum}`,
          ),
        );
    }
    if (typeof s.maximum === 'number') {
      const above =
        s.exclusiveMaximum === true ? value >= s.maximum : value > s.maximum;
      if (above)
        causes.push(
          invalid(
            path,
            value,
            `${path} in body should be less than ${
              s.exclusiveMaximum === true ? '' : 'or equal to '
            }${s.maximum}`,
          ),
        );
    }
  }
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && [...value].length < s.minLength)
      causes.push(
        invalid(
          path,
          value,
          `${path} in body should be at least ${s.minLength} chars long`,
        ),
      );
    if (typeof s.maxLength === 'number' && [...value].length > s.maxLength)
      causes.push({
        reason: 'FieldValueTooLong',
        message: `Too long: may not be more than ${s.maxLength} bytes`,
        field: path,
      });
    if (typeof s.pattern === 'string') {
      let matches = true;
      try {
        matches = new RegExp(s.pattern, 'u').test(value);
      } catch {
        // A pattern JavaScript cannot compile is not checked.
      }
      if (!matches)
        causes.push(
          invalid(path, value, `${path} in body should match '${s.pattern}'`),
        );
    }
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems)
      causes.push(
        invalid(
          path,
          value.length,
          `${path} in body should have at least ${s.minItems} items`,
        ),
      );
    if (typeof s.maxItems === 'number' && value.length > s.maxItems)
      causes.push({
        reason: 'FieldValueTooMany',
        message: `Too many: ${value.length}: must have at most ${s.maxItems} items`,
        field: path,
      });
  }
}

/**
 * Checks a custom resource against its version's OpenAPI v3 schema as the API server's schema validation does
 * for the common keywords: `type`, `nullable`, `enum`, `required`, `minimum`/`maximum`, string lengths, `pattern`,
 * item counts, through `properties`, `additionalProperties` and `items`. Causes carry the API server's field
 * paths and wording. `metadata` is validated as for every object, not by the schema.
 */
export function validateCustomResource(
  schema: Schema,
  obj: JsonObject,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const walk = (s: Schema, value: unknown, path: string, root: boolean) => {
    if (value === null && s.nullable === true) return;
    const typed = typeMatches(s, value);
    if (!typed)
      causes.push(
        invalid(
          path,
          jsonType(value),
          `${path} in body must be of type ${String(s.type)}: ${JSON.stringify(
            jsonType(value),
          )}`,
        ),
      );
    // The enum is checked whatever the type, as kube-openapi's validators run side by side.
    if (
      Array.isArray(s.enum) &&
      !s.enum.some(e => JSON.stringify(e) === JSON.stringify(value))
    ) {
      causes.push({
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: ${JSON.stringify(
          value,
        )}: supported values: ${s.enum
          .map(e =>
            JSON.stringify(typeof e === 'string' ? e : JSON.stringify(e)),
          )
          .join(', ')}`,
        field: path,
      });
    }
    if (!typed) return;
    checkBounds(s, value, path, causes);
    if (Array.isArray(value) && isPlainObject(s.items)) {
      const items = s.items;
      value.forEach((v, i) => walk(items, v, `${path}[${i}]`, false));
    }
    if (!isPlainObject(value)) return;
    if (Array.isArray(s.required))
      for (const key of s.required)
        if (typeof key === 'string' && value[key] === undefined)
          causes.push({
            reason: 'FieldValueRequired',
            message: 'Required value',
            field: child(path, key),
          });
    const properties = propertiesOf(s);
    const additional = additionalOf(s);
    for (const [key, v] of Object.entries(value)) {
      if (root && ['apiVersion', 'kind', 'metadata'].includes(key)) continue;
      const declared = properties[key];
      if (isPlainObject(declared)) walk(declared, v, child(path, key), false);
      else if (additional) walk(additional, v, child(path, key), false);
    }
  };
  walk(schema, obj, '', true);
  return causes;
}
