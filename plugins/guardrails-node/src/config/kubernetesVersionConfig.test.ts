import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { PackValidationError } from '@guardrails-dev/plugin-guardrails-engine';
import { JsonRecord } from '../__testUtils__/json';
import { loadConfiguredPack } from '../packs/loadConfiguredPack';
import { readGuardrailsConfig } from './readGuardrailsConfig';

const clusters = ['dev', 'staging', 'prod'].map(name => ({
  name,
  url: `https://${name}.example.com`,
}));

function config(guardrails: JsonRecord) {
  return new ConfigReader({
    kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
    guardrails,
  });
}

const HOST_IP_GUARDRAIL = [
  'apiVersion: guardrails.dev/v1alpha1',
  'kind: Guardrail',
  'metadata: { name: pod.host-ip }',
  'spec:',
  '  title: Host IPs are IPs',
  '  category: preventive',
  '  severity: low',
  '  rationale: A host IP that is no IP breaks networking.',
  '  remediation: Write an IP address.',
  "  match: { resources: [{ apiGroups: [''], kinds: [Pod] }] }",
  '  validations:',
  '    - expression: object.spec.containers.all(c, !has(c.hostIP) || isIP(c.hostIP))',
  '  rollout: { dev: [{ level: warn }] }',
].join('\n');

describe('guardrails.kubernetesVersion', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-k8s-version-'));
    fs.writeFileSync(path.join(root, 'network.yaml'), HOST_IP_GUARDRAIL);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is read as written, and absent when not set', () => {
    expect(
      readGuardrailsConfig(config({ kubernetesVersion: 'v1.31.2' }))
        .kubernetesVersion,
    ).toBe('v1.31.2');
    expect(readGuardrailsConfig(config({})).kubernetesVersion).toBeUndefined();
  });

  it.each([
    [
      'latest',
      "guardrails.kubernetesVersion is 'latest'; expected a Kubernetes release such as '1.30'",
    ],
    [
      1.3,
      "guardrails.kubernetesVersion must be a quoted string such as '1.30', got the number 1.3",
    ],
    [
      ['1.30'],
      'guardrails.kubernetesVersion must be a Kubernetes release such as \'1.30\', got ["1.30"]',
    ],
  ])('refuses %j, naming the key', (value, message) => {
    expect(() =>
      readGuardrailsConfig(config({ kubernetesVersion: value })),
    ).toThrow(message);
  });

  it('makes a pack using a function newer than the release fail to load, naming it and the release', async () => {
    const error = await loadConfiguredPack(
      config({ packs: [root], kubernetesVersion: '1.29' }),
    ).catch(e => e);
    expect(error).toBeInstanceOf(PackValidationError);
    expect(error.message).toContain(
      `${path.join(
        root,
        'network.yaml',
      )}:12 (document 1 "pod.host-ip") spec.validations[0].expression: CEL expression does not compile: isIP() needs Kubernetes 1.30 or later (kubernetesVersion is 1.29)`,
    );
  });

  it('loads the default pack and the same pack for the release that added the function', async () => {
    const { pack } = await loadConfiguredPack(
      config({ packs: [root], kubernetesVersion: '1.30' }),
    );
    expect(pack.guardrails.map(g => g.id)).toEqual(
      expect.arrayContaining(['pod.no-privileged', 'pod.host-ip']),
    );
  });
});
