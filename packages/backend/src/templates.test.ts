import fs from 'node:fs';
import path from 'node:path';
import scaffolderModuleGuardrails from '@guardrails-dev/plugin-scaffolder-backend-module-guardrails';
import {
  defaultPackDir,
  loadPackFromDirectories,
} from '@guardrails-dev/plugin-guardrails-node';
import yaml from 'yaml';
import { scaffolderActionsOf } from './__testUtils__/scaffolderActions';
import localPublishing from './localPublishing';

const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');

/** The dev portal's scaffolder modules, on three clusters that are never called. */
function portalActions(): Promise<any[]> {
  const clusters = ['dev', 'staging', 'prod'].map(name => ({
    name,
    url: 'http://127.0.0.1:1',
    authProvider: 'serviceAccount',
    serviceAccountToken: 'token',
  }));
  return scaffolderActionsOf([scaffolderModuleGuardrails, localPublishing], {
    kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
  });
}

describe('the software templates of the repository', () => {
  it('give the guardrails actions of the dev portal exactly the inputs they declare', async () => {
    const actions = await portalActions();
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
  });

  it("offer through GuardrailParameterPicker only parameters the dev portal's packs have, as lists to choose from", async () => {
    // The packs the portal loads, as app-config names them relative to packages/backend; the layer the backend
    // writes at each start only moves dates.
    const appConfig = yaml.parse(
      fs.readFileSync(
        path.resolve(__dirname, '../../../app-config.yaml'),
        'utf8',
      ),
    );
    const packDirs = (appConfig.guardrails.packs as string[])
      .filter(dir => dir !== './dev-portal-pack')
      .map(dir => path.resolve(__dirname, '..', dir));
    const { pack } = await loadPackFromDirectories([
      defaultPackDir(),
      ...packDirs,
    ]);
    const params = new Map(pack.guardrails.map(g => [g.id, g.params ?? {}]));

    const pickers: Array<{
      field: string;
      guardrail: string;
      parameter: string;
    }> = [];
    const collect = (node: unknown, key: string) => {
      if (Array.isArray(node)) {
        node.forEach(item => collect(item, key));
      } else if (node && typeof node === 'object') {
        const field = node as Record<string, any>;
        if (field['ui:field'] === 'GuardrailParameterPicker') {
          pickers.push({ field: key, ...field['ui:options'] });
        }
        Object.entries(field).forEach(([k, v]) => collect(v, k));
      }
    };
    for (const dir of fs.readdirSync(TEMPLATES_DIR)) {
      const file = path.join(TEMPLATES_DIR, dir, 'template.yaml');
      if (fs.existsSync(file)) {
        collect(yaml.parse(fs.readFileSync(file, 'utf8')).spec.parameters, '');
      }
    }

    expect(pickers.map(p => p.field).sort()).toEqual([
      'databaseInstanceClass',
      'databaseRegion',
    ]);
    for (const picker of pickers) {
      const value = params.get(picker.guardrail)?.[picker.parameter];
      expect({ ...picker, value }).toEqual({
        ...picker,
        value: expect.arrayContaining([expect.any(String)]),
      });
    }
  });
});
