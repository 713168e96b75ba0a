import { compileCel, toCelValue } from './index';

const thousand = toCelValue(Array.from({ length: 1000 }, (_, i) => i));

function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = Date.now();
  const result = fn();
  return { result, ms: Date.now() - start };
}

describe('bounded evaluation', () => {
  it('stops nested comprehensions over big lists quickly', () => {
    // 10^9 iterations unbounded.
    const program = compileCel(
      'variables.l.all(a, variables.l.all(b, variables.l.all(c, a + b + c >= 0)))',
    );
    const { result, ms } = timed(() =>
      program.evaluate({ variables: { l: thousand } }),
    );
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/^cost budget exceeded/),
    });
    expect(ms).toBeLessThan(2000);
  });

  it('stops exponential string growth quickly', () => {
    // Each bind doubles the string: 2^30 characters unbounded.
    let expression = 'size(v30) > 0';
    for (let i = 30; i >= 1; i--) {
      expression = `cel.bind(v${i}, ${
        i === 1 ? '"0123456789abcdef"' : `v${i - 1} + v${i - 1}`
      }, ${expression})`;
    }
    const program = compileCel(expression, { maxNesting: 100 });
    const { result, ms } = timed(() => program.evaluate({}));
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/^cost budget exceeded/),
    });
    expect(ms).toBeLessThan(2000);
  });

  it('stops list growth through repeated joins and splits', () => {
    const program = compileCel(
      'variables.l.map(a, variables.l.map(b, variables.l.map(c, string(c)).join(",")).join(";")).size() > 0',
    );
    const { result, ms } = timed(() =>
      program.evaluate({ variables: { l: thousand } }),
    );
    expect(result.ok).toBe(false);
    expect(ms).toBeLessThan(2000);
  });

  it('is not masked by CEL absorbing the error in a logical operator', () => {
    // `||` absorbs an error on its left when the right side is true.
    const program = compileCel(
      'variables.l.all(a, variables.l.all(b, variables.l.all(c, true))) || true',
    );
    expect(program.evaluate({ variables: { l: thousand } })).toEqual({
      ok: false,
      error: expect.stringMatching(/^cost budget exceeded/),
    });
  });

  it('uses the budget given per evaluation', () => {
    const program = compileCel('variables.l.all(x, x >= 0)');
    const activation = { variables: { l: thousand } };
    expect(program.evaluate(activation)).toEqual({ ok: true, value: true });
    expect(program.evaluate(activation, { costBudget: 100 })).toEqual({
      ok: false,
      error:
        'cost budget exceeded: the expression needed more than 100 cost units',
    });
    // A fresh budget applies to every evaluation.
    expect(program.evaluate(activation)).toEqual({ ok: true, value: true });
  });

  it('leaves ordinary guardrail expressions far inside the default budget', () => {
    const object = toCelValue({
      spec: {
        containers: Array.from({ length: 50 }, (_, i) => ({
          name: `c${i}`,
          image: `registry.example.com/app:${i}`,
          ports: Array.from({ length: 10 }, (__, p) => ({
            containerPort: 8000 + p,
          })),
        })),
      },
    });
    const program = compileCel(
      'object.spec.containers.all(c, c.image.startsWith("registry.example.com/") && c.ports.all(p, p.containerPort > 1024))',
    );
    expect(program.evaluate({ object }, { costBudget: 20_000 })).toEqual({
      ok: true,
      value: true,
    });
  });
});
