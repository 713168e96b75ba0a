import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import {
  ownerPolicyPermissions,
  recordingAuditor,
} from './__testUtils__/actionHarness';
import { startSimulatedEnvironments } from './__testUtils__/simulatedEnvironments';
import { createGuardrailsActions } from '.';

const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');

describe('the software templates of the repository', () => {
  it('give the guardrails actions exactly the inputs they declare', async () => {
    const env = await startSimulatedEnvironments();
    try {
      const actions = await createGuardrailsActions({
        config: env.config,
        logger: mockServices.logger.mock(),
        clusters: env.clusters,
        permissions: ownerPolicyPermissions(),
        auditor: recordingAuditor(),
        discovery: mockServices.discovery(),
        auth: mockServices.auth(),
      });
      const schemas = new Map(actions.map(a => [a.id, a.schema?.input as any]));
      const steps = fs
        .readdirSync(TEMPLATES_DIR)
        .map(dir => path.join(TEMPLATES_DIR, dir, 'template.yaml'))
        .filter(file => fs.existsSync(file))
        .flatMap(file =>
          (yaml.parse(fs.readFileSync(file, 'utf8')).spec.steps as any[]).map(
            step => ({ file: path.relative(TEMPLATES_DIR, file), step }),
          ),
        )
        .filter(({ step }) => String(step.action).startsWith('guardrails:'));

      expect(steps.length).toBeGreaterThan(0);
      for (const { file, step } of steps) {
        const schema = schemas.get(step.action);
        expect({ file, action: step.action, known: Boolean(schema) }).toEqual({
          file,
          action: step.action,
          known: true,
        });
        const given = Object.keys(step.input ?? {});
        const declared = Object.keys(schema.properties);
        expect({
          file,
          unknown: given.filter(k => !declared.includes(k)),
        }).toEqual({
          file,
          unknown: [],
        });
        expect({
          file,
          missing: (schema.required ?? []).filter(
            (k: string) => !given.includes(k),
          ),
        }).toEqual({ file, missing: [] });
      }
    } finally {
      await env.close();
    }
  });
});
