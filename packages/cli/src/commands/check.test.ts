import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { exactly, FIXTURES, runCli } from '../__testUtils__/runCli';

const BASIC = ['--pack', 'packs/basic'];

interface JsonOutput {
  results: Array<{
    guardrail: string;
    resource: {
      apiVersion: string;
      kind: string;
      namespace: string | null;
      name: string;
    };
    result: string;
    level: string;
    message: string;
    severity: string;
    category: string;
  }>;
  summary: Record<string, number>;
}

async function checkJson(args: string[], options: { stdin?: string } = {}) {
  const run = await runCli(['check', ...args, '--format', 'json'], options);
  return { ...run, json: JSON.parse(run.stdout) as JsonOutput };
}

function find(json: JsonOutput, guardrail: string, name: string) {
  return json.results.find(
    r => r.guardrail === guardrail && r.resource.name === name,
  );
}

describe('guardrails check: exit codes', () => {
  it('exits 0 when every result passes', async () => {
    const run = await runCli([
      'check',
      'manifests/compliant.yaml',
      ...BASIC,
      '--at',
      '2027-03-01',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      '0 fail, 0 error, 0 warn, 0 skip, 4 pass (3 objects, prod at 2027-03-01): nothing blocks\n',
    );
  });

  it('exits 1 when a violation is at block', async () => {
    const run = await runCli([
      'check',
      'manifests/shop.yaml',
      ...BASIC,
      '--at',
      '2027-03-01',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('BLOCKED by 2 results at block');
  });

  it('exits 0 when violations are only at observe or warn', async () => {
    const run = await runCli([
      'check',
      'manifests/shop.yaml',
      ...BASIC,
      '--at',
      '2027-03-01',
      '--env',
      'dev',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /WARN +warn +critical +test\.no-privileged +a container runs privileged/,
    );
  });

  it('fails closed: an evaluation error of a guardrail at block exits 1, at warn 0', async () => {
    const prod = await checkJson([
      'manifests/configmap.yaml',
      '--pack',
      'packs/erroring',
    ]);
    expect(prod.code).toBe(1);
    expect(prod.json.results).toEqual([
      expect.objectContaining({
        guardrail: 'test.config-mode',
        result: 'error',
        level: 'block',
      }),
    ]);
    expect(prod.json.results[0].message).toMatch(/^Could not evaluate: .*data/);
    const dev = await checkJson([
      'manifests/configmap.yaml',
      '--pack',
      'packs/erroring',
      '--env',
      'dev',
    ]);
    expect(dev.code).toBe(0);
    expect(dev.json.results[0]).toMatchObject({
      result: 'error',
      level: 'warn',
    });
  });

  it('gives guardrails reading object.status no results on manifests, which have none', async () => {
    const run = await checkJson([
      'manifests/quota.yaml',
      '--pack',
      'packs/live-status',
    ]);
    expect(run.code).toBe(0);
    expect(
      run.json.results.map(r => [r.guardrail, r.resource.name, r.result]),
    ).toEqual([['test.quota-pods', 'compute', 'pass']]);
    const onDefault = await checkJson(['manifests/quota.yaml']);
    expect(onDefault.code).toBe(0);
    expect(onDefault.json.summary.error).toBe(0);
    expect(onDefault.json.results.map(r => r.guardrail)).not.toContain(
      'namespace.quota-headroom',
    );
  });

  it('follows the rollout stage at --at, defaulting to the current time', async () => {
    const level = async (at?: string) => {
      const { json } = await checkJson([
        'manifests/shop.yaml',
        ...BASIC,
        ...(at ? ['--at', at] : []),
      ]);
      return find(json, 'test.min-replicas', 'legacy');
    };
    expect(await level()).toMatchObject({ result: 'warn', level: 'observe' });
    expect(await level('2027-01-10')).toMatchObject({
      result: 'warn',
      level: 'warn',
    });
    expect(await level('2027-01-31T23:59:59Z')).toMatchObject({
      result: 'warn',
      level: 'warn',
    });
    expect(await level('2027-02-01')).toMatchObject({
      result: 'fail',
      level: 'block',
    });
  });
});

describe('guardrails check: JSON output', () => {
  it('has exactly the documented fields', async () => {
    const { code, json } = await checkJson([
      'manifests/list.yaml',
      ...BASIC,
      '--at',
      '2026-12-01',
    ]);
    expect(code).toBe(1);
    expect(json).toEqual({
      results: [
        {
          guardrail: 'test.min-replicas',
          resource: {
            apiVersion: 'apps/v1',
            kind: 'StatefulSet',
            namespace: 'data',
            name: 'db',
          },
          result: 'warn',
          level: 'observe',
          message: 'replicas is 1, needs at least 2',
          severity: 'medium',
          category: 'preventive',
        },
        {
          guardrail: 'test.no-privileged',
          resource: {
            apiVersion: 'apps/v1',
            kind: 'StatefulSet',
            namespace: 'data',
            name: 'db',
          },
          result: 'pass',
          level: 'block',
          message: 'Containers must not run privileged',
          severity: 'critical',
          category: 'preventive',
        },
        {
          guardrail: 'test.no-privileged',
          resource: {
            apiVersion: 'v1',
            kind: 'Pod',
            namespace: 'data',
            name: 'debug',
          },
          result: 'fail',
          level: 'block',
          message: 'a container runs privileged',
          severity: 'critical',
          category: 'preventive',
        },
      ],
      summary: { pass: 1, fail: 1, warn: 1, error: 0, skip: 0 },
    });
  });

  it('gives cluster-scoped objects a null namespace', async () => {
    const { json } = await checkJson(['manifests/dir/a.yml', ...BASIC]);
    expect(json.results.map(r => r.resource)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        namespace: null,
        name: 'unlabelled',
      },
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        namespace: null,
        name: 'unlabelled',
      },
    ]);
  });
});

describe('guardrails check: input', () => {
  const objectsOf = (json: JsonOutput) => [
    ...new Set(
      json.results.map(
        r =>
          `${r.resource.apiVersion} ${r.resource.kind} ${r.resource.namespace}/${r.resource.name}`,
      ),
    ),
  ];

  it('reads every document of a multi-document file, skipping empty ones', async () => {
    const { json } = await checkJson(['manifests/shop.yaml', ...BASIC]);
    expect(objectsOf(json)).toEqual([
      'v1 Namespace null/shop',
      'apps/v1 Deployment shop/web',
      'apps/v1 Deployment shop/legacy',
    ]);
  });

  it('reads the items of a List', async () => {
    const { json } = await checkJson(['manifests/list.yaml', ...BASIC]);
    expect(objectsOf(json)).toEqual([
      'apps/v1 StatefulSet data/db',
      'v1 Pod data/debug',
    ]);
  });

  it('reads a typed JSON list whose items carry no kind of their own', async () => {
    const { json } = await checkJson(['manifests/deployments.json', ...BASIC]);
    expect(objectsOf(json)).toEqual(['apps/v1 Deployment api/single']);
  });

  it('reads stdin for -', async () => {
    const text = fs.readFileSync(
      path.join(FIXTURES, 'manifests/list.yaml'),
      'utf8',
    );
    const fromStdin = await checkJson(['-', ...BASIC, '--at', '2026-12-01'], {
      stdin: text,
    });
    const fromFile = await checkJson([
      'manifests/list.yaml',
      ...BASIC,
      '--at',
      '2026-12-01',
    ]);
    expect(fromStdin.code).toBe(1);
    expect(fromStdin.json).toEqual(fromFile.json);
  });

  it('reads directories recursively: *.yaml, *.yml and *.json, not hidden or other files', async () => {
    const { code, json } = await checkJson(['manifests/dir', ...BASIC]);
    expect(code).toBe(0);
    expect(objectsOf(json)).toEqual([
      'v1 Namespace null/unlabelled',
      'v1 Pod unlabelled/tabbed',
    ]);
  });

  it('reads a file given twice once', async () => {
    const { json } = await checkJson([
      'manifests/dir/a.yml',
      'manifests/dir',
      ...BASIC,
    ]);
    expect(json.summary).toEqual({
      pass: 1,
      fail: 0,
      warn: 2,
      error: 0,
      skip: 0,
    });
  });

  it('warns about a directory without manifests and checks nothing', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-empty-'));
    try {
      const run = await runCli(['check', empty, ...BASIC]);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(
        `warning: ${empty} holds no *.yaml, *.yml or *.json file`,
      );
      expect(run.stderr).toContain(
        'warning: no Kubernetes objects found in the input',
      );
    } finally {
      fs.rmSync(empty, { recursive: true });
    }
  });
});

describe('guardrails check: packs and exemptions', () => {
  it('uses the default pack unless --pack is given', async () => {
    const { code, json } = await checkJson([
      'manifests/shop.yaml',
      '--at',
      '2027-06-01',
    ]);
    expect(code).toBe(1);
    expect(find(json, 'pod.no-privileged', 'legacy')).toMatchObject({
      result: 'fail',
      level: 'block',
    });
    expect(json.results.some(r => r.guardrail.startsWith('test.'))).toBe(false);
  });

  it('layers --pack directories onto the default pack with --default-pack', async () => {
    const { json } = await checkJson([
      'manifests/shop.yaml',
      ...BASIC,
      '--default-pack',
    ]);
    const guardrails = new Set(json.results.map(r => r.guardrail));
    expect(guardrails).toContain('pod.no-privileged');
    expect(guardrails).toContain('test.no-privileged');
  });

  it('merges several --pack directories in order', async () => {
    const { json } = await checkJson([
      'manifests/shop.yaml',
      ...BASIC,
      '--pack',
      'packs/platform',
    ]);
    expect(find(json, 'test.min-replicas', 'legacy')).toMatchObject({
      result: 'fail',
      level: 'block',
    });
  });

  it('accepts the environments the pack names, and no others', async () => {
    const qa = await checkJson([
      'manifests/list.yaml',
      ...BASIC,
      '--pack',
      'packs/platform',
      '--env',
      'qa',
    ]);
    expect(qa.code).toBe(0);
    expect(qa.json.results.map(r => [r.guardrail, r.resource.name])).toEqual([
      ['test.image-tag', 'db'],
      ['test.image-tag', 'debug'],
    ]);
    const unknown = await runCli([
      'check',
      'manifests/list.yaml',
      ...BASIC,
      '--env',
      'qa',
    ]);
    expect(unknown).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'error: unknown environment "qa": the pack knows dev, staging, prod\n',
    });
  });

  it('skips exempted results until the exemption expires', async () => {
    const args = [
      'manifests/shop.yaml',
      ...BASIC,
      '--exemptions',
      'exemptions',
    ];
    const active = await checkJson([...args, '--at', '2027-01-14T23:59:59Z']);
    expect(active.code).toBe(0);
    expect(find(active.json, 'test.no-privileged', 'legacy')).toMatchObject({
      result: 'skip',
      message: expect.stringContaining(
        'Exempted by shop-legacy-privileged (migration) until 2027-01-15T00:00:00Z',
      ),
    });
    const expired = await checkJson([...args, '--at', '2027-01-15']);
    expect(expired.code).toBe(1);
    expect(find(expired.json, 'test.no-privileged', 'legacy')).toMatchObject({
      result: 'fail',
      message:
        'a container runs privileged (exemption shop-legacy-privileged expired at 2027-01-15T00:00:00Z)',
    });
  });

  it('warns about exemptions that already expired', async () => {
    const run = await runCli(
      ['check', 'manifests/shop.yaml', ...BASIC, '--exemptions', 'exemptions'],
      { now: '2027-02-01T00:00:00Z' },
    );
    expect(run.stderr).toContain(
      'warning: exemptions/legacy.yaml (document 1 "shop-legacy-privileged") spec.expiresAt: expired at 2027-01-15T00:00:00Z; it no longer applies',
    );
  });

  it('refuses an exemption longer than --max-exemption-days', async () => {
    const args = [
      'check',
      'manifests/shop.yaml',
      ...BASIC,
      '--exemptions',
      'exemptions',
    ];
    expect((await runCli([...args, '--max-exemption-days', '30'])).code).toBe(
      2,
    );
    expect((await runCli([...args, '--max-exemption-days', '60'])).code).toBe(
      0,
    );
    expect(
      (await runCli([...args, '--max-exemption-days', 'soon'])).stderr,
    ).toBe(
      'error: --max-exemption-days "soon" is not a positive whole number\n',
    );
  });

  it('refuses guardrails in the --exemptions directory', async () => {
    const run = await runCli([
      'check',
      'manifests/shop.yaml',
      ...BASIC,
      '--exemptions',
      'packs/platform',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'packs/platform/overrides.yaml (document 2 "test.image-tag") kind: Guardrail belongs in a pack (--pack), not in --exemptions',
    );
  });
});

describe('guardrails check: bad input exits 2 with the reason', () => {
  it.each([
    [
      ['manifests/nope.yaml'],
      'error: cannot read manifests/nope.yaml: no such file or directory\n',
    ],
    [
      ['bad-manifests/no-kind.yaml'],
      'error: bad-manifests/no-kind.yaml: document 2, line 5: not a Kubernetes object: it has no kind\n',
    ],
    [['-', '-'], 'error: - (stdin) is given more than once\n'],
    [
      ['manifests/shop.yaml', '--at', '2027-02-30'],
      /^error: --at "2027-02-30" is not a date/,
    ],
    [
      ['manifests/shop.yaml', '--at', '2027-02-01T10:00:00'],
      /^error: --at "2027-02-01T10:00:00" is not a date/,
    ],
    [
      ['manifests/shop.yaml', '--env', 'production'],
      /^error: unknown environment "production"/,
    ],
    [
      ['manifests/shop.yaml', '--format', 'xml'],
      /argument 'xml' is invalid\. Allowed choices are table, json, sarif, policyreport/,
    ],
    [['manifests/shop.yaml', '--colour'], /unknown option '--colour'/],
    [[], /missing required argument 'path'/],
    [
      ['manifests/shop.yaml', '--pack', 'packs/nope'],
      /^error: cannot read pack: Pack directory '.*packs\/nope' does not exist/,
    ],
  ])('check %j', async (args, expected) => {
    const run = await runCli(['check', ...args, ...BASIC]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      typeof expected === 'string' ? exactly(expected) : expected,
    );
  });

  it('names the file, document and line of a YAML syntax error', async () => {
    // Written at test time: a committed file with a syntax error would trip the repository's formatter.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-yaml-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'broken.yaml'),
        'apiVersion: v1\nkind: Namespace\nmetadata: { name: fine }\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: broken\n  labels: { team: [unclosed }\n',
      );
      const run = await runCli(
        ['check', 'broken.yaml', '--pack', path.join(FIXTURES, 'packs/basic')],
        {
          cwd: dir,
        },
      );
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^error: broken\.yaml: document 2, line 9: YAML syntax error: \S.*\n$/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('names the file, document and field of every problem of a malformed pack', async () => {
    const run = await runCli([
      'check',
      'manifests/shop.yaml',
      '--pack',
      'packs/broken',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')).toEqual([
      'error: guardrail pack is invalid (3 problems):',
      '  - packs/broken/a.yaml:8 (document 1 "broken.severity") spec.severity: must be one of critical, high, medium, low, info (got "urgent")',
      expect.stringMatching(
        /^ {2}- packs\/broken\/a\.yaml:\d+ \(document 2 "broken\.cel"\) spec\.validations\[0\]\.expression: CEL expression does not compile/,
      ),
      expect.stringContaining('expression: object.spec.containers.all(c,'),
      expect.stringMatching(
        /^ {2}- packs\/broken\/b\.yaml:\d+ \(document 1 "broken\.rollout"\) spec\.rollout\.prod\[1\]\.level: /,
      ),
      '',
    ]);
  });
});

describe('guardrails check: table output', () => {
  it('groups violations by object, worst first, with where each object was read', async () => {
    const run = await runCli([
      'check',
      'manifests/shop.yaml',
      'manifests/list.yaml',
      ...BASIC,
      '--at',
      '2027-01-10',
    ]);
    expect(run.stdout.split('\n')).toEqual([
      'Deployment shop/legacy (manifests/shop.yaml:20)',
      '  FAIL  block    critical  test.no-privileged    a container runs privileged',
      '  WARN  warn     medium    test.min-replicas     replicas is 1, needs at least 2',
      '',
      'Pod data/debug (manifests/list.yaml:17)',
      '  FAIL  block    critical  test.no-privileged    a container runs privileged',
      '',
      'StatefulSet data/db (manifests/list.yaml:6)',
      '  WARN  warn     medium    test.min-replicas     replicas is 1, needs at least 2',
      '',
      'Namespace shop (manifests/shop.yaml:2)',
      '  WARN  observe  medium    test.namespace-quota  the namespace has no ResourceQuota',
      '',
      '2 fail, 0 error, 3 warn, 0 skip, 4 pass (5 objects, prod at 2027-01-10): BLOCKED by 2 results at block',
      '',
    ]);
  });

  it('lists passing results with --show-passing', async () => {
    const run = await runCli([
      'check',
      'manifests/compliant.yaml',
      ...BASIC,
      '--show-passing',
    ]);
    expect(run.stdout).toContain(
      'Deployment billing/api (manifests/compliant.yaml:12)\n  PASS',
    );
    expect(run.stdout.match(/^ {2}PASS/gm)).toHaveLength(4);
  });

  it('names stdin as the source of objects read from it', async () => {
    const text = fs.readFileSync(
      path.join(FIXTURES, 'manifests/list.yaml'),
      'utf8',
    );
    const run = await runCli(['check', '-', ...BASIC], { stdin: text });
    expect(run.stdout).toContain('Pod data/debug (<stdin>:17)');
  });
});

describe('guardrails check --format sarif', () => {
  it('reports violations and errors as SARIF 2.1.0 results with rules and locations', async () => {
    const run = await runCli([
      'check',
      'manifests/shop.yaml',
      'manifests/configmap.yaml',
      ...BASIC,
      '--pack',
      'packs/erroring',
      '--at',
      '2027-01-10',
      '--format',
      'sarif',
    ]);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout);
    expect(sarif).toMatchObject({
      version: '2.1.0',
      $schema: expect.stringContaining('sarif-2.1.0'),
    });
    expect(sarif.runs).toHaveLength(1);
    const { driver } = sarif.runs[0].tool;
    expect(driver).toMatchObject({
      name: 'guardrails',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'test.namespace-team',
      'test.namespace-quota',
      'test.min-replicas',
      'test.no-privileged',
      'test.config-mode',
    ]);
    expect(driver.rules[2]).toEqual({
      id: 'test.min-replicas',
      shortDescription: { text: 'Workloads must run at least two replicas' },
      fullDescription: {
        text: 'One replica means downtime on every node drain.',
      },
      help: { text: 'Set spec.replicas to 2 or more.' },
      helpUri: 'https://guardrails.example.com/min-replicas',
      properties: { severity: 'medium', category: 'preventive' },
    });
    expect(driver.rules[3]).not.toHaveProperty('helpUri');

    const results = sarif.runs[0].results as Array<Record<string, any>>;
    expect(results.map(r => [r.ruleId, r.level, r.message.text])).toEqual([
      [
        'test.namespace-quota',
        'warning',
        'Namespace shop: the namespace has no ResourceQuota',
      ],
      [
        'test.min-replicas',
        'warning',
        'Deployment shop/legacy: replicas is 1, needs at least 2',
      ],
      [
        'test.no-privileged',
        'error',
        'Deployment shop/legacy: a container runs privileged',
      ],
      [
        'test.config-mode',
        'error',
        expect.stringContaining('ConfigMap shop/settings: Could not evaluate'),
      ],
    ]);
    for (const result of results) {
      expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    }
    expect(results[2].locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'manifests/shop.yaml' },
          region: { startLine: 20 },
        },
        logicalLocations: [
          {
            name: 'legacy',
            fullyQualifiedName: 'shop/Deployment/legacy',
            kind: 'resource',
          },
        ],
      },
    ]);
    expect(results[3].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'manifests/configmap.yaml',
    );
  });

  it('gives objects from stdin a logical location only', async () => {
    const text = fs.readFileSync(
      path.join(FIXTURES, 'manifests/list.yaml'),
      'utf8',
    );
    const run = await runCli(['check', '-', ...BASIC, '--format', 'sarif'], {
      stdin: text,
    });
    const [result] = JSON.parse(run.stdout).runs[0].results;
    expect(result.locations).toEqual([
      {
        logicalLocations: [
          {
            name: 'db',
            fullyQualifiedName: 'data/StatefulSet/db',
            kind: 'resource',
          },
        ],
      },
    ]);
  });
});

describe('guardrails check --format policyreport', () => {
  it('prints a PolicyReport per namespace and a ClusterPolicyReport for cluster-scoped objects', async () => {
    const run = await runCli([
      'check',
      'manifests/shop.yaml',
      ...BASIC,
      '--at',
      '2027-03-01',
      '--format',
      'policyreport',
    ]);
    expect(run.code).toBe(1);
    const reports = parseAllDocuments(run.stdout).map(d => d.toJS());
    expect(
      reports.map(r => [r.apiVersion, r.kind, r.metadata.namespace]),
    ).toEqual([
      ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'shop'],
      ['wgpolicyk8s.io/v1alpha2', 'ClusterPolicyReport', undefined],
    ]);
    expect(reports[0].summary).toEqual({
      pass: 2,
      fail: 2,
      warn: 0,
      error: 0,
      skip: 0,
    });
    expect(reports[0].results).toContainEqual(
      expect.objectContaining({
        policy: 'test.no-privileged',
        result: 'fail',
        severity: 'critical',
        resources: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'legacy',
            namespace: 'shop',
          },
        ],
        timestamp: {
          seconds: Date.parse('2027-03-01T00:00:00Z') / 1000,
          nanos: 0,
        },
      }),
    );
    expect(reports[1].results.map((r: { policy: string }) => r.policy)).toEqual(
      ['test.namespace-team', 'test.namespace-quota'],
    );
  });

  it('prints an empty ClusterPolicyReport when nothing matched', async () => {
    const run = await runCli([
      'check',
      'manifests/configmap.yaml',
      ...BASIC,
      '--format',
      'policyreport',
    ]);
    expect(run.code).toBe(0);
    const [report] = parseAllDocuments(run.stdout).map(d => d.toJS());
    expect(report).toMatchObject({
      kind: 'ClusterPolicyReport',
      summary: { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 },
      results: [],
    });
  });
});
