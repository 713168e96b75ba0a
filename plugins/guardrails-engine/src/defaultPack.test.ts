import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import {
  compareLevels,
  GuardrailResult,
  ResultStatus,
  strictestLevel,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  readAdmissionFixtures,
  readDefaultPack,
} from './__testing__/defaultPack';
import {
  compilePack,
  evaluateObjects,
  exportValidatingAdmissionPolicies,
  isAdmissionOnly,
  KubernetesManifest,
} from './index';

const fixtureDir = path.join(__dirname, '__fixtures__', 'default-pack');
// Observed everywhere by design: signals for the platform team about capacity, not violations of a team.
const CAPACITY_SIGNALS = ['namespace.quota-headroom'];
const NOW = new Date('2026-11-22T00:00:00Z');
// After every stage date of the default pack: each plan is at its last stage.
const AFTER_ALL_ROLLOUTS = new Date('2027-06-01T00:00:00Z');

interface FixtureCase {
  name: string;
  expect: ResultStatus;
  report: string;
  message?: string;
  objects: KubernetesManifest[];
}

interface Fixture {
  guardrail: string;
  environment?: string;
  at?: string;
  cases: FixtureCase[];
}

const fixtures: Fixture[] = fs
  .readdirSync(fixtureDir)
  .filter(name => name.endsWith('.yaml') && name !== 'compliant.yaml')
  .sort()
  .map(name => parse(fs.readFileSync(path.join(fixtureDir, name), 'utf8')));

const { pack, warnings } = readDefaultPack(NOW);
// Admission-only guardrails have their cases in defaultPackAdmission.test.ts.
const admissionCases = new Map(
  readAdmissionFixtures().map(f => [
    f.guardrail,
    f.cases.map(c => (c.expect === 'admitted' ? 'pass' : 'fail')),
  ]),
);
const compiled = compilePack(pack);

function resultFor(
  results: GuardrailResult[],
  guardrail: string,
  report: string,
) {
  const [kind, name] = report.split('/');
  return results.filter(
    r =>
      r.guardrail === guardrail &&
      r.resource.kind === kind &&
      r.resource.name === name,
  );
}

describe('the default pack', () => {
  it('loads without problems or warnings and has at least 18 guardrails', () => {
    expect(warnings).toEqual([]);
    expect(pack.guardrails.length).toBeGreaterThanOrEqual(18);
    expect(pack.exemptions).toEqual([]);
  });

  it('explains every guardrail in its own words', () => {
    const rationales = new Set(pack.guardrails.map(g => g.rationale));
    const remediations = new Set(pack.guardrails.map(g => g.remediation));
    expect(rationales.size).toBe(pack.guardrails.length);
    expect(remediations.size).toBe(pack.guardrails.length);
    for (const guardrail of pack.guardrails) {
      expect(guardrail.rationale.length).toBeGreaterThan(80);
      expect(guardrail.remediation.length).toBeGreaterThan(60);
      expect(guardrail.docsUrl).toMatch(/^https:\/\/kubernetes\.io\/docs\//);
    }
  });

  it('is gentle in dev and strict in prod', () => {
    for (const guardrail of pack.guardrails) {
      const dev = guardrail.rollout.dev ?? [];
      const prod = guardrail.rollout.prod;
      expect(
        dev.every(stage => stage.level === 'observe' || stage.level === 'warn'),
      ).toBe(true);
      expect(prod).toBeDefined();
      // Prod starts by observing (or warning) and tightens on announced dates.
      expect(prod[0].from).toBeUndefined();
      const prodMax = strictestLevel(prod.map(s => s.level))!;
      const devMax = strictestLevel(dev.map(s => s.level)) ?? 'observe';
      expect(compareLevels(prodMax, devMax)).toBeGreaterThanOrEqual(0);
      const expected = CAPACITY_SIGNALS.includes(guardrail.id)
        ? 'observe'
        : {
            preventive: 'block',
            detective: 'warn',
            corrective: 'auto-correct',
          }[guardrail.category];
      expect(`${guardrail.id}: ${prodMax}`).toBe(
        `${guardrail.id}: ${expected}`,
      );
    }
  });

  it('has a fixture with a passing and a violating case for every guardrail', () => {
    const covered = new Map<string, string[]>([
      ...fixtures.map(f => [f.guardrail, f.cases.map(c => c.expect)] as const),
      ...admissionCases,
    ]);
    for (const guardrail of pack.guardrails) {
      const expectations = covered.get(guardrail.id) ?? [];
      expect(`${guardrail.id}: ${expectations.includes('pass')}`).toBe(
        `${guardrail.id}: true`,
      );
      expect(
        `${guardrail.id}: ${expectations.some(
          e => e === 'fail' || e === 'warn',
        )}`,
      ).toBe(`${guardrail.id}: true`);
    }
    expect([...covered.keys()].sort()).toEqual(
      pack.guardrails.map(g => g.id).sort(),
    );
  });

  it('passes a namespace and workload that follow every guardrail', () => {
    const objects = parse(
      fs.readFileSync(path.join(fixtureDir, 'compliant.yaml'), 'utf8'),
    );
    const results = evaluateObjects(compiled, objects, {
      environment: 'prod',
      at: AFTER_ALL_ROLLOUTS,
    });
    expect(results.filter(r => r.result !== 'pass')).toEqual([]);
    expect(new Set(results.map(r => r.guardrail))).toEqual(
      new Set(pack.guardrails.filter(g => !isAdmissionOnly(g)).map(g => g.id)),
    );
  });

  it('exports to admission everything but the checks that read other objects or status', () => {
    const exported = exportValidatingAdmissionPolicies(pack, {
      environments: ['prod'],
      at: AFTER_ALL_ROLLOUTS,
    });
    expect(exported.flagged.map(f => f.guardrail).sort()).toEqual([
      'namespace.default-deny-network-policy',
      'namespace.limit-range',
      'namespace.quota-headroom',
      'namespace.resource-quota',
      'workload.pod-disruption-budget',
    ]);
    expect(
      exported.flagged.find(f => f.guardrail === 'namespace.quota-headroom')
        ?.reasons,
    ).toEqual([
      'reads object.status, which controllers report after admission (audit only)',
    ]);
  });

  describe.each(fixtures.map(f => [f.guardrail, f] as const))(
    '%s',
    (_id, fixture) => {
      it.each(fixture.cases.map(c => [c.name, c] as const))(
        '%s',
        (_name, testCase) => {
          const results = evaluateObjects(compiled, testCase.objects, {
            environment: fixture.environment ?? 'prod',
            at: fixture.at ? new Date(fixture.at) : AFTER_ALL_ROLLOUTS,
          });
          const matching = resultFor(
            results,
            fixture.guardrail,
            testCase.report,
          );
          expect(matching).toHaveLength(1);
          const [result] = matching;
          expect(result.result).toBe(testCase.expect);
          expect(result.message).toContain(testCase.message ?? '');
        },
      );
    },
  );
});
