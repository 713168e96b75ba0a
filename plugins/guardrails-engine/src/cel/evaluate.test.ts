import { CelResult, compileCel, toCelValue } from './index';

const deployment = toCelValue({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { team: 'payments' } },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          {
            name: 'web',
            image: 'registry.example.com/web:1.2.3',
            ports: [{ containerPort: 8080 }, { containerPort: 8443 }],
            securityContext: { runAsNonRoot: true },
            resources: { limits: { cpu: '500m', memory: '256Mi' } },
          },
          {
            name: 'sidecar',
            image: 'registry.example.com/proxy:2.0',
            ports: [{ containerPort: 15001 }],
            resources: { limits: { cpu: 0.25, memory: '64Mi' } },
          },
        ],
      },
    },
  },
});

function run(
  expression: string,
  activation: Record<string, unknown> = {},
): CelResult {
  return compileCel(expression).evaluate(activation);
}

function value(
  expression: string,
  activation: Record<string, unknown> = {},
): unknown {
  const result = run(expression, activation);
  if (!result.ok) throw new Error(`unexpected error: ${result.error}`);
  return result.value;
}

describe('evaluating Kubernetes objects', () => {
  const activation = { object: deployment };

  it('treats integral numbers of converted objects as CEL ints', () => {
    expect(value('object.spec.replicas >= 2', activation)).toBe(true);
    expect(value('object.spec.replicas + 1', activation)).toBe(4n);
    expect(value('type(object.spec.replicas) == int', activation)).toBe(true);
    expect(value('object.spec.replicas in [1, 2, 3]', activation)).toBe(true);
    expect(
      value(
        'object.spec.template.spec.containers.all(c, c.ports.all(p, p.containerPort > 1024))',
        activation,
      ),
    ).toBe(true);
    expect(
      value(
        'object.spec.template.spec.containers.exists(c, c.ports.exists(p, p.containerPort == 15001))',
        activation,
      ),
    ).toBe(true);
  });

  it('keeps fractional numbers as doubles', () => {
    expect(
      value(
        'object.spec.template.spec.containers[1].resources.limits.cpu == 0.25',
        activation,
      ),
    ).toBe(true);
  });

  it('answers has() for present and missing fields', () => {
    expect(value('has(object.metadata.labels)', activation)).toBe(true);
    expect(value('has(object.metadata.annotations)', activation)).toBe(false);
    expect(
      value(
        'object.spec.template.spec.containers.map(c, has(c.securityContext))',
        activation,
      ),
    ).toEqual([true, false]);
    expect(
      value(
        'object.spec.template.spec.containers.all(c, !has(c.securityContext) || c.securityContext.runAsNonRoot)',
        activation,
      ),
    ).toBe(true);
  });

  it('makes reading a missing field a runtime error', () => {
    const result = run('object.metadata.annotations["x"] == "y"', activation);
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/No such key: annotations/),
    });
    expect(run('has(object.status.phase)', activation)).toEqual({
      ok: false,
      error: expect.stringMatching(/No such key: status/),
    });
  });

  it('supports optional field selection', () => {
    expect(
      value('object.metadata.?annotations.?x.orValue("none")', activation),
    ).toBe('none');
    expect(
      value('object.metadata.?labels.?team.orValue("none")', activation),
    ).toBe('payments');
  });

  it('iterates over maps by key', () => {
    expect(
      value('object.metadata.labels.all(k, k.startsWith("t"))', activation),
    ).toBe(true);
    expect(value('"team" in object.metadata.labels', activation)).toBe(true);
  });
});

describe('guardrail variables', () => {
  it('reads variables from a plain map computed by other programs', () => {
    const containers = compileCel(
      'object.spec.template.spec.containers',
    ).evaluate({
      object: deployment,
    });
    expect(containers.ok).toBe(true);
    const variables = {
      containers: containers.ok ? containers.value : undefined,
      min: 2n,
    };
    const program = compileCel(
      'variables.containers.all(c, c.image.startsWith("registry.example.com/")) && size(variables.containers) >= variables.min',
    );
    expect(program.evaluate({ variables })).toEqual({ ok: true, value: true });
    expect(
      compileCel(
        'variables.containers.filter(c, has(c.securityContext)).map(c, c.name)',
      ).evaluate({
        variables,
      }),
    ).toEqual({ ok: true, value: ['web'] });
  });

  it('reports an undefined variable entry as a runtime error', () => {
    expect(run('variables.missing == 1', { variables: {} })).toEqual({
      ok: false,
      error: expect.stringMatching(/No such key: missing/),
    });
  });
});

describe('CelProgram.evaluate', () => {
  it('treats declared variables absent from the activation as null', () => {
    expect(value('oldObject == null && params == null')).toBe(true);
    expect(run('oldObject.metadata.name == "x"').ok).toBe(false);
  });

  it('never throws', () => {
    const program = compileCel('object.spec.replicas / 0 == 1');
    expect(program.evaluate({ object: deployment })).toEqual({
      ok: false,
      error: expect.stringMatching(/division by zero/),
    });
    expect(
      program.evaluate({ object: { spec: { replicas: () => 1 } } }).ok,
    ).toBe(false);
    expect(
      program.evaluate(null as unknown as Record<string, unknown>).ok,
    ).toBe(false);
  });

  it('names the position of a runtime error', () => {
    expect(run('object.spec.nope', { object: deployment })).toEqual({
      ok: false,
      error: 'No such key: nope (at position 12)',
    });
  });

  it('can be evaluated many times with different objects', () => {
    const program = compileCel('object.spec.replicas >= 2');
    const results = [1, 2, 3].map(replicas =>
      program.evaluate({ object: toCelValue({ spec: { replicas } }) }),
    );
    expect(results.map(r => r.ok && r.value)).toEqual([false, true, true]);
  });

  it('does not modify the activation', () => {
    const activation = { object: deployment };
    compileCel('object.metadata.name == "web"').evaluate(activation);
    expect(Object.keys(activation)).toEqual(['object']);
  });
});
