import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  actionContext,
  outputsOf,
  ownerPolicyPermissions,
  recordingAuditor,
} from '../__testUtils__/actionHarness';
import { exampleSteps } from '../__testUtils__/exampleSteps';
import { renderSkeletonInto } from '../__testUtils__/renderSkeleton';
import {
  SimulatedEnvironments,
  startSimulatedEnvironments,
} from '../__testUtils__/simulatedEnvironments';
import { loadGuardrailsPack } from '@guardrails-dev/plugin-guardrails-node';
import { createGuardrailsActions } from '.';
import { examples } from './validate.examples';

describe('guardrails:validate examples', () => {
  const workspace = createMockDirectory();
  let env: SimulatedEnvironments;

  afterEach(async () => {
    await env?.close();
  });

  it.each(exampleSteps(examples, 'guardrails:validate'))(
    '%s',
    async (_name, input) => {
      env = await startSimulatedEnvironments();
      const actions = await createGuardrailsActions({
        config: env.config,
        logger: mockServices.logger.mock(),
        pack: await loadGuardrailsPack(env.config, mockServices.logger.mock()),
        clusters: env.clusters,
        permissions: ownerPolicyPermissions(),
        auditor: recordingAuditor(),
        discovery: mockServices.discovery(),
        auth: mockServices.auth(),
      });
      const action = actions.find(a => a.id === 'guardrails:validate')!;
      workspace.clear();
      renderSkeletonInto(workspace.path, {
        name: 'payments-api',
        owner: 'group:default/payments',
        costCenter: 'cc-1234',
      });
      const ctx = actionContext(input, { workspacePath: workspace.path });
      await action.handler(ctx);
      expect(outputsOf(ctx)).toMatchObject({
        passed: true,
        summary: expect.stringMatching(/^Guardrails in (dev|prod): /),
      });
    },
  );
});
