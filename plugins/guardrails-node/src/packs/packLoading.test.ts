import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { PackValidationError } from '@guardrails-dev/plugin-guardrails-engine';
import { defaultPackDir } from './defaultPackDir';
import { loadConfiguredPack } from './loadConfiguredPack';
import { loadPackFromDirectories } from './loadPackFromDirectories';

let root: string;

function write(relative: string, content: string) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-packs-'));
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('loadPackFromDirectories', () => {
  it('loads the bundled default pack', async () => {
    const { pack } = await loadPackFromDirectories([defaultPackDir()]);
    expect(pack.guardrails.map(g => g.id)).toContain('pod.no-privileged');
    expect(pack.guardrails[0].location?.file).toContain(defaultPackDir());
  });

  it('layers later directories onto earlier ones', async () => {
    write(
      'platform/overrides.yaml',
      [
        'apiVersion: guardrails.dev/v1alpha1',
        'kind: GuardrailOverride',
        'metadata: { name: pod.no-privileged }',
        'spec:',
        '  rollout:',
        '    dev: [{ level: warn }, { level: block, from: "2027-03-01" }]',
        '---',
        'apiVersion: guardrails.dev/v1alpha1',
        'kind: GuardrailExemption',
        'metadata: { name: payments-legacy }',
        'spec:',
        '  guardrails: [pod.no-privileged]',
        '  scope: { entity: component:default/payments, environments: [dev] }',
        '  reason: migration',
        '  justification: Moving off the privileged sidecar this quarter.',
        '  owner: group:default/payments',
        '  approvedBy: user:default/platform-lead',
        '  expiresAt: "2026-12-31T00:00:00Z"',
      ].join('\n'),
    );

    const { pack } = await loadPackFromDirectories(
      [defaultPackDir(), path.join(root, 'platform')],
      { now: new Date('2026-11-22T00:00:00Z') },
    );

    const privileged = pack.guardrails.find(g => g.id === 'pod.no-privileged');
    expect(privileged?.rollout.dev?.map(stage => stage.level)).toEqual([
      'warn',
      'block',
    ]);
    expect(pack.exemptions.map(e => e.name)).toEqual(['payments-legacy']);
  });

  it('reports problems with the file they are in', async () => {
    const file = write(
      'broken/bad.yaml',
      'apiVersion: guardrails.dev/v1alpha1\nkind: Guardrail\nmetadata: { name: Not_An_Id }\nspec: {}\n',
    );
    const error = await loadPackFromDirectories([
      path.join(root, 'broken'),
    ]).catch(e => e);
    expect(error).toBeInstanceOf(PackValidationError);
    expect(error.message).toContain(file);
  });
});

describe('loadConfiguredPack', () => {
  const clusters = ['dev', 'staging', 'prod'].map(name => ({
    name,
    url: `https://${name}.example.com`,
  }));

  it('loads the default pack and configured packs for the configured environments', async () => {
    write(
      'extra/team.yaml',
      [
        'apiVersion: guardrails.dev/v1alpha1',
        'kind: GuardrailOverride',
        'metadata: { name: pod.no-privileged }',
        'spec:',
        '  rollout:',
        '    staging: [{ level: observe }]',
      ].join('\n'),
    );
    const { pack } = await loadConfiguredPack(
      new ConfigReader({
        kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
        guardrails: { packs: [path.join(root, 'extra')] },
      }),
    );
    const privileged = pack.guardrails.find(g => g.id === 'pod.no-privileged');
    expect(privileged?.rollout.staging?.map(stage => stage.level)).toEqual([
      'observe',
    ]);
  });

  it('validates exemption spans against guardrails.maxExemptionDays', async () => {
    write(
      'extra/exemption.yaml',
      [
        'apiVersion: guardrails.dev/v1alpha1',
        'kind: GuardrailExemption',
        'metadata: { name: long-one }',
        'spec:',
        '  guardrails: [pod.no-privileged]',
        '  scope: { entity: component:default/payments }',
        '  reason: vendor',
        '  justification: Vendor image.',
        '  owner: group:default/payments',
        '  approvedBy: user:default/platform-lead',
        '  expiresAt: "2027-06-01T00:00:00Z"',
      ].join('\n'),
    );
    const config = (maxExemptionDays: number) =>
      new ConfigReader({
        kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
        guardrails: { packs: [path.join(root, 'extra')], maxExemptionDays },
      });
    const now = new Date('2026-11-22T00:00:00Z');

    await expect(
      loadConfiguredPack(config(365), { now }),
    ).resolves.toBeDefined();
    await expect(loadConfiguredPack(config(30), { now })).rejects.toThrow(
      PackValidationError,
    );
  });

  it('loads the default pack for environments with other names, and checks platform packs against them', async () => {
    const profile = {
      podSecurity: 'baseline',
      networkPolicy: 'deny-ingress',
      ownerRole: 'edit',
      sizes: {
        small: {
          quota: {
            requests: { cpu: '1', memory: '1Gi' },
            limits: { cpu: '2', memory: '2Gi' },
            pods: 10,
          },
          limitRange: {
            defaultRequest: { cpu: '100m', memory: '128Mi' },
            default: { cpu: '200m', memory: '256Mi' },
          },
        },
      },
    };
    const onlyQa = (packs: string[]) =>
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [{ name: 'qa-1', url: 'https://qa.example.com' }],
            },
          ],
        },
        guardrails: {
          environments: { qa: { clusters: ['qa-1'], profile } },
          packs,
        },
      });
    const { pack } = await loadConfiguredPack(onlyQa([]));
    expect(pack.guardrails.length).toBeGreaterThan(18);

    write(
      'qa/override.yaml',
      [
        'apiVersion: guardrails.dev/v1alpha1',
        'kind: GuardrailOverride',
        'metadata: { name: pod.no-privileged }',
        'spec:',
        '  rollout:',
        '    prod: [{ level: observe }]',
      ].join('\n'),
    );
    await expect(
      loadConfiguredPack(onlyQa([path.join(root, 'qa')])),
    ).rejects.toThrow(/unknown environment "prod"/);
  });
});
