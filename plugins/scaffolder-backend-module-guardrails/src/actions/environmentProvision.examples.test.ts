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
import { createEnvironmentProvisionAction } from './environmentProvision';
import { examples } from './environmentProvision.examples';

describe('guardrails:environment:provision examples', () => {
  let env: SimulatedEnvironments;

  afterEach(async () => {
    await env?.close();
  });

  it.each(exampleSteps(examples, 'guardrails:environment:provision'))(
    '%s',
    async (_name, input) => {
      env = await startSimulatedEnvironments();
      const action = createEnvironmentProvisionAction({
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
      const environments = input.environments ?? ['dev', 'staging', 'prod'];
      expect(Object.keys(output.namespaces)).toEqual(environments);
      expect(output.failedEnvironments).toEqual([]);
      for (const environment of environments) {
        const names = env.simulators[environment]
          .listObjects('v1', 'Namespace')
          .map((n: any) => n.metadata.name);
        expect(names).toContain(output.namespaces[environment]);
      }
    },
  );
});
