import {
  actionContext,
  outputsOf,
  ownerPolicyPermissions,
  recordingAuditor,
} from '../__testUtils__/actionHarness';
import { exampleSteps } from '../__testUtils__/exampleSteps';
import {
  SimulatedEnvironments,
  startSimulatedEnvironments,
} from '../__testUtils__/simulatedEnvironments';
import { createNamespaceProvisionAction } from './namespaceProvision';
import { examples } from './namespaceProvision.examples';

describe('guardrails:namespace:provision examples', () => {
  let env: SimulatedEnvironments;

  afterEach(async () => {
    await env?.close();
  });

  it.each(exampleSteps(examples, 'guardrails:namespace:provision'))(
    '%s',
    async (_name, input) => {
      env = await startSimulatedEnvironments();
      const action = createNamespaceProvisionAction({
        clusters: env.clusters,
        discovery: env.discovery,
        auth: env.auth,
        permissions: ownerPolicyPermissions(),
        auditor: recordingAuditor(),
      });
      const ctx = actionContext(
        input as Parameters<typeof action.handler>[0]['input'],
      );
      await action.handler(ctx);
      const output = outputsOf(ctx);
      expect(output.namespace).toBe(input.namespace);
      expect(output.objects.every((o: any) => o.outcome === 'created')).toBe(
        true,
      );
      const namespaces = env.simulators[input.environment]
        .listObjects('v1', 'Namespace')
        .map((n: any) => n.metadata);
      const created = namespaces.find((m: any) => m.name === input.namespace);
      expect(created.labels).toMatchObject({
        'guardrails.dev/environment': input.environment,
        ...input.extraLabels,
      });
    },
  );
});
