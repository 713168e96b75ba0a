import {
  exemptionDocument,
  guardrailDocument,
  yamlDocuments,
} from '../__testing__/documents';
import {
  PackFile,
  PackProblem,
  PackValidationError,
  parsePack,
  ParsePackOptions,
} from '../index';

const NOW = new Date('2026-11-22T00:00:00Z');

function problemsOf(
  files: PackFile[],
  options: ParsePackOptions = {},
): PackProblem[] {
  try {
    parsePack(files, { now: NOW, ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(PackValidationError);
    return (error as PackValidationError).problems;
  }
  throw new Error('expected the pack to be rejected');
}

function file(path: string, ...documents: unknown[]): PackFile {
  return { path, content: yamlDocuments(...documents) };
}

describe('parsePack', () => {
  it('reads guardrails and exemptions from multi-document files', () => {
    const { pack, warnings } = parsePack(
      [
        {
          path: 'pods.yaml',
          content: `${yamlDocuments(
            guardrailDocument('pod.no-privileged', {
              docsUrl:
                'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
              owner: 'group:default/platform',
              variables: [
                { name: 'containers', expression: 'object.spec.containers' },
              ],
              params: { registries: ['ghcr.io/'] },
              match: {
                resources: [{ apiGroups: [''], kinds: ['Pod'] }],
                namespaceSelector: { matchLabels: { team: 'a' } },
                objectSelector: {
                  matchExpressions: [
                    { key: 'tier', operator: 'In', values: ['web'] },
                  ],
                },
              },
            }),
            exemptionDocument('payments-privileged'),
          )}---\n# only a comment\n`,
        },
      ],
      { now: NOW },
    );
    expect(warnings).toEqual([]);
    expect(pack.overrides).toEqual([]);
    expect(pack.guardrails).toEqual([
      {
        id: 'pod.no-privileged',
        title: 'Title of pod.no-privileged',
        category: 'preventive',
        severity: 'high',
        rationale: 'Why pod.no-privileged exists.',
        remediation: 'How to fix pod.no-privileged.',
        docsUrl:
          'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
        owner: 'group:default/platform',
        match: {
          resources: [{ apiGroups: [''], kinds: ['Pod'] }],
          namespaceSelector: { matchLabels: { team: 'a' } },
          objectSelector: {
            matchExpressions: [
              { key: 'tier', operator: 'In', values: ['web'] },
            ],
          },
        },
        variables: [
          { name: 'containers', expression: 'object.spec.containers' },
        ],
        validations: [
          {
            expression: expect.stringContaining('object.spec.containers.all'),
            message: 'a container is privileged',
          },
        ],
        rollout: {
          dev: [{ level: 'warn' }],
          prod: [
            { level: 'observe' },
            { level: 'warn', from: '2026-12-01' },
            { level: 'block', from: '2027-02-01' },
          ],
        },
        params: { registries: ['ghcr.io/'] },
        location: { file: 'pods.yaml', documentIndex: 0 },
      },
    ]);
    expect(pack.exemptions).toEqual([
      {
        name: 'payments-privileged',
        guardrails: ['pod.no-privileged'],
        scope: { entity: 'component:default/payments', environments: ['dev'] },
        reason: 'migration',
        justification: 'Moving to the new base image this sprint.',
        owner: 'group:default/payments',
        approvedBy: 'user:default/platform-lead',
        expiresAt: '2027-01-31T00:00:00Z',
        location: { file: 'pods.yaml', documentIndex: 1 },
      },
    ]);
  });

  it('reports every problem of every file together, each with file, document, field and line', () => {
    const problems = problemsOf([
      file(
        'a.yaml',
        guardrailDocument('pod.one', { category: 'proactive' }),
        guardrailDocument('pod.two', { severity: 'urgent', title: undefined }),
      ),
      file(
        'b.yaml',
        guardrailDocument('pod.three', {
          rollout: { prod: [{ level: 'enforce' }] },
        }),
      ),
    ]);
    expect(problems).toEqual([
      {
        file: 'a.yaml',
        documentIndex: 0,
        documentName: 'pod.one',
        field: 'spec.category',
        line: 7,
        message:
          'must be one of preventive, detective, corrective (got "proactive")',
      },
      expect.objectContaining({
        file: 'a.yaml',
        documentIndex: 1,
        documentName: 'pod.two',
        field: 'spec.title',
        message: 'is required',
      }),
      expect.objectContaining({
        file: 'a.yaml',
        documentIndex: 1,
        field: 'spec.severity',
        message:
          'must be one of critical, high, medium, low, info (got "urgent")',
      }),
      expect.objectContaining({
        file: 'b.yaml',
        documentIndex: 0,
        documentName: 'pod.three',
        field: 'spec.rollout.prod[0].level',
        message:
          'must be one of observe, warn, block, auto-correct (got "enforce")',
      }),
    ]);
  });

  it('combines the problems into a readable message', () => {
    expect(() =>
      parsePack(
        [file('a.yaml', guardrailDocument('pod.one', { severity: 'urgent' }))],
        { now: NOW },
      ),
    ).toThrow(
      'Guardrail pack is invalid (1 problem):\n  - a.yaml:8 (document 1 "pod.one") spec.severity: must be one of critical, high, medium, low, info (got "urgent")',
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf([
      {
        path: 'broken.yaml',
        content:
          'apiVersion: guardrails.dev/v1alpha1\nkind: Guardrail\nmetadata: { name: [oops\n',
      },
    ]);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem).toEqual({
        file: 'broken.yaml',
        documentIndex: 0,
        field: '',
        line: expect.any(Number),
        message: expect.stringMatching(
          /^YAML syntax error at line \d+: [^\n]+[^:]$/,
        ),
      });
    }
    expect(problems[0].message).toContain('Flow');
  });

  it('rejects a wrong apiVersion, an unknown kind and unknown fields', () => {
    const problems = problemsOf([
      file(
        'a.yaml',
        { ...guardrailDocument('pod.one'), apiVersion: 'guardrails.dev/v1' },
        { ...guardrailDocument('pod.two'), kind: 'Policy' },
        guardrailDocument('pod.three', { severty: 'high' }),
        'just a string',
      ),
    ]);
    expect(problems.map(p => [p.documentIndex, p.field, p.message])).toEqual([
      [
        0,
        'apiVersion',
        'must be guardrails.dev/v1alpha1 (got "guardrails.dev/v1")',
      ],
      [
        1,
        'kind',
        'must be one of Guardrail, GuardrailExemption, GuardrailOverride (got "Policy")',
      ],
      [
        2,
        'spec.severty',
        'is not a known field (allowed: title, category, severity, rationale, remediation, remediationExample, docsUrl, owner, match, variables, validations, rollout, params)',
      ],
      [3, '', 'must be a mapping, got string "just a string"'],
    ]);
  });

  it('rejects missing and mistyped fields', () => {
    const problems = problemsOf([
      file(
        'a.yaml',
        guardrailDocument('pod.one', {
          rationale: '  ',
          match: { resources: [] },
          validations: [{ message: 'no expression' }],
          docsUrl: 'ftp://example.com',
          variables: { containers: 'object.spec.containers' },
        }),
      ),
    ]);
    expect(problems.map(p => [p.field, p.message])).toEqual([
      ['spec.rationale', 'must not be empty'],
      ['spec.docsUrl', '"ftp://example.com" is not an http(s) URL'],
      ['spec.match.resources', 'must not be empty'],
      ['spec.variables', 'must be a list, got a mapping'],
      ['spec.validations[0].expression', 'is required'],
    ]);
  });

  it('rejects invalid guardrail IDs', () => {
    const problems = problemsOf([
      file(
        'a.yaml',
        guardrailDocument('NoPrivileged'),
        guardrailDocument('pod'),
        guardrailDocument('pod..x'),
      ),
    ]);
    expect(
      problems.map(p => [p.field, p.message.split(' is not ')[0]]),
    ).toEqual([
      ['metadata.name', '"NoPrivileged"'],
      ['metadata.name', '"pod"'],
      ['metadata.name', '"pod..x"'],
    ]);
    expect(problems[0].message).toContain('lowercase dotted words');
  });

  it('rejects duplicate IDs, naming both files', () => {
    const problems = problemsOf([
      file('a.yaml', guardrailDocument('pod.one')),
      file(
        'b.yaml',
        guardrailDocument('pod.two'),
        guardrailDocument('pod.one'),
      ),
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'b.yaml',
        documentIndex: 1,
        field: 'metadata.name',
        message:
          'duplicate guardrail ID "pod.one": also defined in a.yaml (document 1)',
      }),
    ]);
  });

  it('rejects CEL that does not compile, showing the expression and the position', () => {
    const problems = problemsOf([
      file(
        'a.yaml',
        guardrailDocument('pod.one', {
          variables: [{ name: 'x', expression: 'object.spec.(' }],
          validations: [
            {
              expression: 'object.spec.containers.all(c, c.image ==)',
              messageExpression: "'a' + ",
            },
            { expression: 'request.userInfo.username == "x"' },
          ],
        }),
      ),
    ]);
    expect(problems.map(p => p.field)).toEqual([
      'spec.variables[0].expression',
      'spec.validations[0].expression',
      'spec.validations[0].messageExpression',
      'spec.validations[1].expression',
    ]);
    expect(problems[1].message).toMatch(
      /^CEL expression does not compile: .*position \d+.*\n\s+expression: object\.spec\.containers\.all\(c, c\.image ==\)$/s,
    );
    expect(problems[3].message).toContain('request');
  });

  it('rejects a regular expression RE2 does not support, naming the guardrail and the expression', () => {
    const expression = "object.metadata.name.matches('(a)\\\\1')";
    const problems = problemsOf([
      file(
        'a.yaml',
        guardrailDocument('pod.repeated-letter', {
          validations: [{ expression }],
        }),
      ),
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'a.yaml',
        documentName: 'pod.repeated-letter',
        field: 'spec.validations[0].expression',
        line: expect.any(Number),
      }),
    ]);
    expect(problems[0].message).toMatch(
      /^CEL expression does not compile: invalid regular expression '\(a\)\\1': .*\n\s+expression: object\.metadata\.name\.matches\('\(a\)\\\\1'\)$/s,
    );
  });

  it('rejects variable names that are not identifiers, reserved or repeated', () => {
    const problems = problemsOf([
      file(
        'a.yaml',
        guardrailDocument('pod.one', {
          variables: [
            { name: 'my-var', expression: '1' },
            { name: 'guardrailsPod', expression: '1' },
            { name: 'x', expression: '1' },
            { name: 'x', expression: '2' },
          ],
        }),
      ),
    ]);
    expect(problems.map(p => [p.field, p.message])).toEqual([
      ['spec.variables[0].name', '"my-var" is not a CEL identifier'],
      [
        'spec.variables[1].name',
        'names starting with "guardrails" are reserved',
      ],
      ['spec.variables[3].name', 'variable "x" is defined twice'],
    ]);
  });

  it('rejects invalid label selectors', () => {
    const problems = problemsOf([
      file(
        'a.yaml',
        guardrailDocument('pod.one', {
          match: {
            resources: [{ apiGroups: [''], kinds: ['Pod'] }],
            namespaceSelector: {
              matchExpressions: [{ key: 'a', operator: 'In' }],
            },
            objectSelector: { matchLabels: { a: 1 } },
          },
        }),
      ),
    ]);
    expect(problems.map(p => [p.field, p.message])).toEqual([
      [
        'spec.match.namespaceSelector.matchExpressions[0].values',
        'is required',
      ],
      ['spec.match.objectSelector.matchLabels.a', 'must be a string'],
    ]);
  });

  describe('rollout plans', () => {
    const rolloutProblems = (prod: unknown, options: ParsePackOptions = {}) =>
      problemsOf(
        [file('a.yaml', guardrailDocument('pod.one', { rollout: { prod } }))],
        options,
      ).map(p => [p.field, p.message]);
    const accepts = (prod: unknown) =>
      parsePack(
        [file('a.yaml', guardrailDocument('pod.one', { rollout: { prod } }))],
        { now: NOW },
      ).pack.guardrails[0].rollout.prod;

    it('rejects a plan that skips warn', () => {
      expect(
        rolloutProblems([
          { level: 'observe' },
          { level: 'block', from: '2027-01-01' },
        ]),
      ).toEqual([
        [
          'spec.rollout.prod[1].level',
          'skips a stage: observe must be followed by warn before block',
        ],
      ]);
    });

    it('rejects a plan that starts at block', () => {
      expect(rolloutProblems([{ level: 'block' }])).toEqual([
        [
          'spec.rollout.prod[0].level',
          'a rollout starts at observe or warn; add a warn stage before block',
        ],
      ]);
    });

    it('rejects auto-correct straight after warn', () => {
      expect(
        rolloutProblems([
          { level: 'warn' },
          { level: 'auto-correct', from: '2027-01-01' },
        ]),
      ).toEqual([
        [
          'spec.rollout.prod[1].level',
          'skips a stage: warn must be followed by block before auto-correct',
        ],
      ]);
    });

    it('accepts going back any number of levels, and starting at warn', () => {
      const plan = [
        { level: 'warn' },
        { level: 'block', from: '2027-01-01' },
        { level: 'observe', from: '2027-01-02T12:00:00+02:00' },
      ];
      expect(accepts(plan)).toEqual(plan);
    });

    it('rejects dates that go backwards or repeat', () => {
      expect(
        rolloutProblems([
          { level: 'observe' },
          { level: 'warn', from: '2027-02-01' },
          { level: 'block', from: '2027-01-01' },
          { level: 'observe', from: '2027-02-01' },
        ]),
      ).toEqual([
        [
          'spec.rollout.prod[2].from',
          "2027-01-01 must be later than the previous stage's date 2027-02-01",
        ],
        [
          'spec.rollout.prod[3].from',
          "2027-02-01 must be later than the previous stage's date 2027-02-01",
        ],
      ]);
    });

    it('rejects unparsable dates, dates without a zone and missing dates', () => {
      expect(
        rolloutProblems([
          { level: 'observe' },
          { level: 'warn', from: 'next monday' },
          { level: 'warn', from: '2027-02-30' },
          { level: 'warn', from: '2027-03-01T10:00:00' },
          { level: 'block' },
        ]),
      ).toEqual([
        [
          'spec.rollout.prod[1].from',
          '"next monday" is not a date (use YYYY-MM-DD or an ISO 8601 timestamp with a zone)',
        ],
        [
          'spec.rollout.prod[2].from',
          '"2027-02-30" is not a date (use YYYY-MM-DD or an ISO 8601 timestamp with a zone)',
        ],
        [
          'spec.rollout.prod[3].from',
          '"2027-03-01T10:00:00" is not a date (use YYYY-MM-DD or an ISO 8601 timestamp with a zone)',
        ],
        [
          'spec.rollout.prod[4].from',
          'is required: only the first stage may start without a date',
        ],
      ]);
    });

    it('rejects empty plans and unknown environments when environments are configured', () => {
      expect(rolloutProblems([])).toEqual([
        [
          'spec.rollout.prod',
          'must be a non-empty list of stages ({ level, from })',
        ],
      ]);
      expect(
        problemsOf(
          [
            file(
              'a.yaml',
              guardrailDocument('pod.one', {
                rollout: { qa: [{ level: 'warn' }] },
              }),
            ),
          ],
          {
            environments: ['dev', 'prod'],
          },
        ).map(p => [p.field, p.message]),
      ).toEqual([
        ['spec.rollout.qa', 'unknown environment "qa" (configured: dev, prod)'],
      ]);
    });
  });

  describe('exemptions', () => {
    const base = guardrailDocument('pod.no-privileged');
    const exemptionProblems = (
      spec: Record<string, unknown>,
      options: ParsePackOptions = {},
    ) =>
      problemsOf(
        [file('a.yaml', base, exemptionDocument('ex', spec))],
        options,
      ).map(p => [p.field, p.message]);

    it('rejects an exemption without expiresAt', () => {
      expect(exemptionProblems({ expiresAt: undefined })).toEqual([
        ['spec.expiresAt', 'is required: every exemption must expire'],
      ]);
    });

    it('rejects an exemption running longer than the maximum, measured from now', () => {
      expect(exemptionProblems({ expiresAt: '2027-02-21T00:00:01Z' })).toEqual([
        [
          'spec.expiresAt',
          '2027-02-21T00:00:01Z is more than 90 days after 2026-11-22T00:00:00.000Z (the longest an exemption may run)',
        ],
      ]);
      expect(
        exemptionProblems(
          { expiresAt: '2026-12-23' },
          { maxExemptionDays: 30 },
        ),
      ).toEqual([
        [
          'spec.expiresAt',
          '2026-12-23 is more than 30 days after 2026-11-22T00:00:00.000Z (the longest an exemption may run)',
        ],
      ]);
    });

    it('accepts an exemption of exactly the maximum span', () => {
      const { pack } = parsePack(
        [
          file(
            'a.yaml',
            base,
            exemptionDocument('ex', { expiresAt: '2027-02-20' }),
          ),
        ],
        {
          now: NOW,
        },
      );
      expect(pack.exemptions[0].expiresAt).toBe('2027-02-20');
    });

    it('rejects exemptions naming unknown guardrails, environments or bad refs', () => {
      expect(
        exemptionProblems(
          {
            guardrails: ['pod.no-privileged', 'pod.unknown'],
            scope: { entity: 'payments', environments: ['qa'] },
            reason: 'because',
          },
          { environments: ['dev', 'prod'] },
        ),
      ).toEqual([
        [
          'spec.scope.entity',
          '"payments" is not an entity ref (kind:namespace/name)',
        ],
        [
          'spec.scope.environments[0]',
          'unknown environment "qa" (configured: dev, prod)',
        ],
        [
          'spec.reason',
          'must be one of incident, migration, vendor, false-positive (got "because")',
        ],
      ]);
      expect(exemptionProblems({ guardrails: ['pod.unknown'] })).toEqual([
        ['spec.guardrails[0]', 'unknown guardrail "pod.unknown"'],
      ]);
    });

    it('rejects an exemption that would cover a whole environment', () => {
      expect(exemptionProblems({ scope: { environments: ['prod'] } })).toEqual([
        [
          'spec.scope',
          'must name an entity, namespaces or resources; an exemption never covers a whole environment',
        ],
      ]);
    });

    it('rejects duplicate exemption names', () => {
      expect(
        problemsOf([
          file(
            'a.yaml',
            base,
            exemptionDocument('ex'),
            exemptionDocument('ex'),
          ),
        ]).map(p => p.message),
      ).toEqual([
        'duplicate exemption name "ex": also defined in a.yaml (document 2)',
      ]);
    });

    it.each(['payments.legacy-root', `${'a'.repeat(63)}.b`])(
      'takes exemption name %j as a Kubernetes object name',
      name => {
        const files = [file('a.yaml', base, exemptionDocument(name))];
        expect(parsePack(files, { now: NOW }).pack.exemptions).toHaveLength(1);
      },
    );

    it.each([
      'payments..root',
      'payments.-root',
      'Payments',
      `${'a'.repeat(64)}.b`,
    ])('refuses exemption name %j: not a Kubernetes object name', name => {
      const files = [file('a.yaml', base, exemptionDocument(name))];
      expect(problemsOf(files).map(p => p.message)).toEqual([
        `"${name}" is not a Kubernetes object name (lowercase letters, digits, dashes and dots)`,
      ]);
    });

    it('warns about exemptions that already expired', () => {
      const { warnings } = parsePack(
        [
          file(
            'a.yaml',
            base,
            exemptionDocument('old', { expiresAt: '2026-11-22T00:00:00Z' }),
          ),
        ],
        { now: NOW },
      );
      expect(warnings).toEqual([
        {
          file: 'a.yaml',
          documentIndex: 1,
          documentName: 'old',
          field: 'spec.expiresAt',
          message: 'expired at 2026-11-22T00:00:00Z; it no longer applies',
        },
      ]);
    });

    it('accepts exemptions of guardrails defined elsewhere', () => {
      const { pack } = parsePack(
        [
          file(
            'ex.yaml',
            exemptionDocument('ex', { guardrails: ['pod.base'] }),
          ),
        ],
        {
          now: NOW,
          knownGuardrailIds: ['pod.base'],
        },
      );
      expect(pack.exemptions.map(e => e.guardrails)).toEqual([['pod.base']]);
    });
  });

  describe('overrides', () => {
    const withParams = guardrailDocument('image.registries', {
      params: { registries: ['a.io/'], strict: true },
      validations: [{ expression: 'params.registries.size() > 0' }],
    });
    const override = (
      spec: Record<string, unknown>,
      name = 'image.registries',
    ) => ({
      apiVersion: 'guardrails.dev/v1alpha1',
      kind: 'GuardrailOverride',
      metadata: { name },
      spec,
    });

    it('applies parameter and rollout overrides to a guardrail of the same pack', () => {
      const { pack } = parsePack(
        [
          file('a.yaml', withParams),
          file(
            'b.yaml',
            override({
              params: { registries: ['b.io/'] },
              rollout: { prod: [{ level: 'warn' }] },
            }),
          ),
        ],
        { now: NOW },
      );
      expect(pack.guardrails[0].params).toEqual({
        registries: ['b.io/'],
        strict: true,
      });
      expect(pack.guardrails[0].rollout).toEqual({ prod: [{ level: 'warn' }] });
      expect(pack.overrides).toEqual([]);
    });

    it('rejects undeclared parameters, changed kinds and unknown targets', () => {
      const problems = problemsOf([
        file(
          'a.yaml',
          withParams,
          override({ params: { registry: 'b.io/', strict: 'yes' } }),
          override({ rollout: {} }, 'pod.unknown'),
          override({}, 'pod.other'),
        ),
      ]);
      expect(problems.map(p => [p.documentIndex, p.field, p.message])).toEqual([
        [
          1,
          'spec.params.registry',
          'guardrail image.registries has no parameter "registry" (it has: registries, strict)',
        ],
        [
          1,
          'spec.params.strict',
          'must be a boolean like the default of image.registries, got a string',
        ],
        [2, 'metadata.name', 'unknown guardrail "pod.unknown"'],
        [3, 'spec', 'must set params, rollout or both'],
      ]);
    });

    it('keeps overrides of guardrails defined elsewhere for mergePacks', () => {
      const { pack } = parsePack(
        [file('o.yaml', override({ params: { registries: ['b.io/'] } }))],
        {
          now: NOW,
          knownGuardrailIds: ['image.registries'],
        },
      );
      expect(pack.overrides).toEqual([
        {
          guardrail: 'image.registries',
          params: { registries: ['b.io/'] },
          location: { file: 'o.yaml', documentIndex: 0 },
        },
      ]);
    });
  });
});
