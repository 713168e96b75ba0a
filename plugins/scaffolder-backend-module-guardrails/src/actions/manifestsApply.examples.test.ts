import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { loadGuardrailsPack } from '@guardrails-dev/plugin-guardrails-node';
import {
  actionContext,
  outputsOf,
  ownerPolicyPermissions,
  recordingAuditor,
} from '../__testUtils__/actionHarness';
import {
  DATABASE_CLAIM_CRD,
  databaseClaimYaml,
} from '../__testUtils__/databaseClaims';
import {
  SimulatedEnvironments,
  startSimulatedEnvironments,
} from '../__testUtils__/simulatedEnvironments';
import { createGuardrailsActions } from '.';
import { examples } from './manifestsApply.examples';

describe('guardrails:manifests:apply examples', () => {
  const workspace = createMockDirectory();
  let env: SimulatedEnvironments;

  afterEach(async () => {
    await env?.close();
  });

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_description, example) => {
      env = await startSimulatedEnvironments({
        guardrails: {
          includeDefaultPack: false,
          packs: [path.resolve(__dirname, '../__fixtures__/claims-pack')],
        },
        seed: { dev: [DATABASE_CLAIM_CRD], prod: [DATABASE_CLAIM_CRD] },
      });
      const actions = await createGuardrailsActions({
        config: env.config,
        logger: mockServices.logger.mock(),
        pack: await loadGuardrailsPack(env.config, mockServices.logger.mock()),
        clusters: env.clusters,
        permissions: ownerPolicyPermissions(),
        auditor: recordingAuditor(),
        discovery: env.discovery,
        auth: env.auth,
      });
      workspace.clear();
      fs.mkdirSync(path.join(workspace.path, 'k8s'));
      fs.writeFileSync(
        path.join(workspace.path, 'k8s/database-claim.yaml'),
        databaseClaimYaml({ region: 'eu-west-1' }),
      );

      // The steps run in order, each step's outputs standing in for its ${{ steps.<id>.output.<name> }}.
      const outputs: Record<string, Record<string, any>> = {};
      for (const step of yaml.parse(example.example).steps) {
        const input = JSON.parse(JSON.stringify(step.input), (_key, value) => {
          const ref =
            typeof value === 'string' &&
            /^\$\{\{ steps\.([\w-]+)\.output\.(\w+) \}\}$/.exec(value);
          return ref ? outputs[ref[1]][ref[2]] : value;
        });
        const ctx = actionContext(input, { workspacePath: workspace.path });
        await actions.find(a => a.id === step.action)!.handler(ctx);
        outputs[step.id] = outputsOf(ctx);
      }

      expect(outputs.database.objects.map((o: any) => o.outcome)).toEqual([
        'created',
        'created',
      ]);
    },
  );
});
