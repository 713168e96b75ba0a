/**
 * A Standard Schema (with JSON Schema conversion) for rule parameters made of one list of strings,
 * `{ [key]: string[] }`. Written out by hand so that the rules need no schema library.
 */
export function stringListParams<K extends string>(
  key: K,
  description: string,
) {
  type Params = Record<K, string[]>;
  const jsonSchema = () => ({
    type: 'object',
    properties: {
      [key]: { type: 'array', items: { type: 'string' }, description },
    },
    required: [key],
    additionalProperties: false,
  });
  return {
    '~standard': {
      version: 1 as const,
      vendor: 'guardrails',
      validate(value: unknown) {
        const list =
          value && typeof value === 'object'
            ? (value as Record<string, unknown>)[key]
            : undefined;
        if (
          !Array.isArray(list) ||
          !list.every(item => typeof item === 'string')
        ) {
          return {
            issues: [
              { message: `${key} must be a list of strings`, path: [key] },
            ],
          };
        }
        return { value: { [key]: list } as Params };
      },
      jsonSchema: { input: jsonSchema, output: jsonSchema },
    },
  };
}
