import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  compilePack,
  evaluateObjects,
  exportValidatingAdmissionPolicies,
  KubernetesManifest,
  parsePack,
} from './index';

// The repository's example packs (examples/packs/<name>), which the dev portal loads.
const examplesDir = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'examples',
  'packs',
);
const NOW = new Date('2026-11-22T00:00:00Z');
const AFTER_ALL_ROLLOUTS = new Date('2027-06-01T00:00:00Z');

function readExamplePack(
  name: string,
  options: { kubernetesVersion?: string } = {},
) {
  const dir = path.join(examplesDir, name);
  const files = fs
    .readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .map(file => ({
      path: `examples/packs/${name}/${file}`,
      content: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
  return parsePack(files, {
    now: NOW,
    environments: ['dev', 'staging', 'prod'],
    ...options,
  });
}

const claim = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'platform.example.org/v1alpha1',
  kind: 'DatabaseClaim',
  metadata: { name, namespace: 'shop' },
  spec: { engine: 'postgres', storageGB: 20, ...spec },
});

describe('the database-claims example pack', () => {
  const { pack, warnings } = readExamplePack('database-claims');
  const compiled = compilePack(pack);
  const failures = (objects: object[], environment = 'prod') =>
    evaluateObjects(compiled, objects as KubernetesManifest[], {
      environment,
      at: AFTER_ALL_ROLLOUTS,
    })
      .filter(r => r.result !== 'pass')
      .map(r => `${r.resource.name} ${r.guardrail} ${r.result}: ${r.message}`);

  it('loads, also for Kubernetes 1.30, with the two claim guardrails', () => {
    expect(warnings).toEqual([]);
    expect(pack.guardrails.map(g => g.id)).toEqual([
      'claim.allowed-regions',
      'claim.allowed-instance-classes',
    ]);
    expect(
      readExamplePack('database-claims', { kubernetesVersion: '1.30' })
        .warnings,
    ).toEqual([]);
  });

  it('fails claims outside the approved regions and instance classes, naming what is allowed', () => {
    expect(
      failures([
        claim('orders', { region: 'eu-west-1', instanceClass: 'db.t3.small' }),
        claim('legacy', { region: 'us-east-1', instanceClass: 'db.t3.medium' }),
        claim('analytics', {
          region: 'eu-central-1',
          instanceClass: 'db.r6g.8xlarge',
        }),
        claim('bare', {}),
      ]),
    ).toEqual([
      'legacy claim.allowed-regions fail: region us-east-1 is not approved; approved regions: eu-west-1, eu-central-1',
      'analytics claim.allowed-instance-classes fail: instance class db.r6g.8xlarge is not approved; approved classes: db.t3.small, db.t3.medium, db.r6g.large',
      'bare claim.allowed-regions fail: no region is set; approved regions: eu-west-1, eu-central-1',
      'bare claim.allowed-instance-classes fail: no instance class is set; approved classes: db.t3.small, db.t3.medium, db.r6g.large',
    ]);
  });

  it('rolls out observe → warn → block in every environment, on dates', () => {
    for (const guardrail of pack.guardrails) {
      for (const environment of ['dev', 'staging', 'prod']) {
        const stages = guardrail.rollout[environment];
        expect(stages.map(s => s.level)).toEqual(['observe', 'warn', 'block']);
        expect(stages.slice(1).every(s => s.from)).toBe(true);
      }
    }
  });

  it('gives remediation examples that pass their guardrail', () => {
    for (const guardrail of pack.guardrails) {
      const objects = parseAllDocuments(guardrail.remediationExample!).map(d =>
        d.toJS(),
      );
      const results = evaluateObjects(compiled, objects, {
        environment: 'prod',
        at: AFTER_ALL_ROLLOUTS,
      }).filter(r => r.guardrail === guardrail.id);
      expect(results.map(r => r.result)).toEqual(['pass']);
    }
  });

  it('exports to admission on the resource its cluster names, and flags the guardrails until it is named', () => {
    const named = exportValidatingAdmissionPolicies(pack, {
      environments: ['prod'],
      at: AFTER_ALL_ROLLOUTS,
      resourceNames: { 'DatabaseClaim.platform.example.org': 'databaseclaims' },
    });
    expect(named.flagged).toEqual([]);
    const policies = named.objects.filter(
      o => o.kind === 'ValidatingAdmissionPolicy',
    ) as any[];
    expect(policies.map(p => p.spec.matchConstraints.resourceRules)).toEqual([
      [
        expect.objectContaining({
          apiGroups: ['platform.example.org'],
          resources: ['databaseclaims'],
        }),
      ],
      [
        expect.objectContaining({
          apiGroups: ['platform.example.org'],
          resources: ['databaseclaims'],
        }),
      ],
    ]);

    const unnamed = exportValidatingAdmissionPolicies(pack, {
      environments: ['prod'],
      at: AFTER_ALL_ROLLOUTS,
    });
    expect(unnamed.objects).toEqual([]);
    expect(unnamed.flagged.map(f => f.guardrail)).toEqual([
      'claim.allowed-regions',
      'claim.allowed-instance-classes',
    ]);
  });
});
