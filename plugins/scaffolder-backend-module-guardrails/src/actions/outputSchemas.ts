import { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

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

/** Output schema of a catalog entity. */
export const entitySchema = (zod: Zod) =>
  zod
    .object({
      apiVersion: zod.string(),
      kind: zod.string(),
      metadata: zod.object({ name: zod.string() }).passthrough(),
      spec: zod.record(zod.unknown()).optional(),
    })
    .passthrough();
