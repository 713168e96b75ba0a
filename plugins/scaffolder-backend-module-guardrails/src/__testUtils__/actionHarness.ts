import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { guardrailsNamespaceProvisionPermission } from '@guardrails-dev/plugin-guardrails-common';
import {
  createGuardrailsEnvironmentConditionalDecision,
  guardrailsEnvironmentConditions,
} from '@guardrails-dev/plugin-guardrails-node';

/** An audit event as recorded: how it started and how it ended. */
export interface RecordedAuditEvent {
  options: AuditorServiceCreateEventOptions;
  status: 'initiated' | 'succeeded' | 'failed';
  meta?: Record<string, unknown>;
  error?: Error;
}

/** An auditor that keeps every event, for assertions. */
export function recordingAuditor(): AuditorService & {
  events: RecordedAuditEvent[];
} {
  const events: RecordedAuditEvent[] = [];
  return {
    events,
    async createEvent(options) {
      const event: RecordedAuditEvent = { options, status: 'initiated' };
      events.push(event);
      return {
        async success(result) {
          event.status = 'succeeded';
          event.meta = result?.meta;
        },
        async fail(result) {
          event.status = 'failed';
          event.meta = result.meta;
          event.error = result.error;
        },
      };
    },
  };
}

/** Group memberships of the test users. */
const OWNERSHIP: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/payments'],
  'user:default/grace': ['user:default/grace', 'group:default/storefront'],
  'user:default/guest': ['user:default/guest', 'group:default/platform'],
};

export const ada = mockCredentials.user('user:default/ada');
export const grace = mockCredentials.user('user:default/grace');
/** The dev portal's guest, a member of the platform team. */
export const guest = mockCredentials.user('user:default/guest');

/** A Component entity as the catalog lists it; `owner` as written in `spec.owner`. */
export function componentEntity(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

/**
 * Permissions answering like the dev portal's policy: anyone may provision in dev, members of the
 * owner elsewhere; evaluated by the actions from the conditional decision. Every other permission
 * (the scaffolder's own) is allowed.
 */
export function ownerPolicyPermissions() {
  return mockServices.permissions.mock({
    authorize: async queries =>
      queries.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async (queries, options) => {
      const principal = options?.credentials.principal as {
        userEntityRef?: string;
      };
      const user = principal?.userEntityRef ?? '';
      return queries.map(query =>
        query.permission.name === guardrailsNamespaceProvisionPermission.name
          ? createGuardrailsEnvironmentConditionalDecision(
              guardrailsNamespaceProvisionPermission,
              {
                anyOf: [
                  guardrailsEnvironmentConditions.isEnvironment({
                    environments: ['dev'],
                  }),
                  guardrailsEnvironmentConditions.isOwnerMember({
                    claims: OWNERSHIP[user] ?? [user],
                  }),
                ],
              },
            )
          : { result: AuthorizeResult.ALLOW },
      );
    },
  });
}

/** A mock action context with the given input, initiator and workspace; `dryRun` as the scaffolder sets it. */
export function actionContext<TInput extends Record<string, any>>(
  input: TInput,
  options: {
    credentials?: BackstageCredentials;
    dryRun?: boolean;
    workspacePath?: string;
    logger?: LoggerService;
    checkpoint?: (opts: { key: string; fn: () => unknown }) => Promise<any>;
  } = {},
) {
  const ctx = createMockActionContext<TInput>({
    input,
    ...(options.workspacePath ? { workspacePath: options.workspacePath } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    ...ctx,
    // createMockActionContext takes neither the initiator nor isDryRun.
    getInitiatorCredentials: async () => options.credentials ?? ada,
    ...(options.dryRun ? { isDryRun: true } : {}),
    ...(options.checkpoint ? { checkpoint: options.checkpoint as any } : {}),
  };
}

/** Everything an action output, by name. */
export function outputsOf(ctx: { output: unknown }): Record<string, any> {
  const calls = (ctx.output as jest.Mock).mock.calls as Array<
    [string, unknown]
  >;
  return Object.fromEntries(calls);
}
