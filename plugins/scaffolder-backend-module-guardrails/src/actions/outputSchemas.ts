import { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import type { ZodType } from 'zod/v3';

/** The zod the scaffolder hands to schema callbacks. */
export type Zod = Parameters<
  NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>[string]
>[0];

/** Output schema of one provisioned object. */
export const provisionedObjectSchema = (zod: Zod) =>
  zod.object({
    cluster: zod.string(),
    apiVersion: zod.string(),
    kind: zod.string(),
    name: zod.string(),
    namespace: zod.string().optional(),
    outcome: zod
      .enum(['created', 'updated', 'unchanged', 'would-create', 'would-change'])
      .describe(
        'created, updated or unchanged; in a dry run would-create, would-change or unchanged',
      ),
  });

/**
 * Types a schema as producing a JSON object. Action inputs and outputs must be `JsonObject`s, but
 * the inferred type of `record(unknown)` or of a `.passthrough()` object has `unknown` members,
 * which do not fit `JsonObject` in the published declarations. The schema itself is returned
 * unchanged: validation and the JSON schema the scaffolder lists for the action stay the same.
 */
function asJsonObject<T extends JsonObject>(
  schema: ZodType<unknown>,
): ZodType<T> {
  return schema as ZodType<T>;
}

/** Schema of any JSON object (e.g. a Kubernetes object, a PolicyReport result). */
export const jsonObjectSchema = (zod: Zod) =>
  asJsonObject<JsonObject>(zod.record(zod.unknown()));

/** A catalog entity as the actions output it. @public */
export type EntityOutput = JsonObject & {
  apiVersion: string;
  kind: string;
  metadata: JsonObject & { name: string };
  spec?: JsonObject;
};

/** Output schema of a catalog entity. */
export const entitySchema = (zod: Zod) =>
  asJsonObject<EntityOutput>(
    zod
      .object({
        apiVersion: zod.string(),
        kind: zod.string(),
        metadata: zod.object({ name: zod.string() }).passthrough(),
        spec: zod.record(zod.unknown()).optional(),
      })
      .passthrough(),
  );
