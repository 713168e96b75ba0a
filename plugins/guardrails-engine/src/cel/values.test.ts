import { Quantity, compileCel, fromCelValue, toCelValue } from './index';

describe('toCelValue', () => {
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { tier: 'frontend' } },
    spec: {
      replicas: 3,
      ratio: 0.5,
      template: {
        spec: { containers: [{ ports: [{ containerPort: 8080 }] }] },
      },
      flags: [true, false, null],
    },
  };

  it('turns integral numbers into ints and keeps the rest', () => {
    expect(toCelValue(manifest)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { tier: 'frontend' } },
      spec: {
        replicas: 3n,
        ratio: 0.5,
        template: {
          spec: { containers: [{ ports: [{ containerPort: 8080n }] }] },
        },
        flags: [true, false, null],
      },
    });
  });

  it('keeps integral numbers beyond int64 as doubles', () => {
    expect(toCelValue([2 ** 62, 2 ** 63, -(2 ** 64)])).toEqual([
      2n ** 62n,
      2 ** 63,
      -(2 ** 64),
    ]);
  });

  it('is idempotent and leaves its input alone', () => {
    const snapshot = JSON.parse(JSON.stringify(manifest));
    const once = toCelValue(manifest);
    expect(toCelValue(once)).toEqual(once);
    expect(manifest).toEqual(snapshot);
  });

  it('keeps a "__proto__" key as data', () => {
    const converted = toCelValue(
      JSON.parse('{"__proto__": {"x": 1}, "a": 2}'),
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(converted)).toBe(Object.prototype);
    expect(Object.keys(converted)).toEqual(['__proto__', 'a']);
    expect(compileCel('object.a == 2').evaluate({ object: converted })).toEqual(
      {
        ok: true,
        value: true,
      },
    );
  });

  it('passes CEL values such as quantities through', () => {
    const q = Quantity.parse('1Gi');
    expect(toCelValue({ q }) as { q: Quantity }).toEqual({ q });
    expect((toCelValue({ q }) as { q: Quantity }).q).toBe(q);
  });
});

describe('fromCelValue', () => {
  function result(expression: string): unknown {
    const r = compileCel(expression).evaluate({});
    if (!r.ok) throw new Error(r.error);
    return fromCelValue(r.value);
  }

  it('converts ints to numbers, and to strings beyond 2^53', () => {
    expect(result('[1, 2, -3]')).toEqual([1, 2, -3]);
    expect(result('9223372036854775807')).toBe('9223372036854775807');
    expect(result('42u')).toBe(42);
  });

  it('converts quantities, durations, timestamps, bytes and types', () => {
    expect(result('quantity("1.5Gi")')).toBe('1536Mi');
    expect(result('duration("90s")')).toBe('90s');
    expect(result('timestamp("2026-01-02T03:04:05Z")')).toBe(
      '2026-01-02T03:04:05.000Z',
    );
    expect(result('b"hi"')).toBe('aGk=');
    expect(result('type(1)')).toBe('int');
  });

  it('converts optionals to their value or null', () => {
    expect(result('optional.of(1)')).toBe(1);
    expect(result('optional.none()')).toBeNull();
  });

  it('converts nested maps and lists', () => {
    // dyn() elements: Kubernetes rejects literals mixing element types.
    expect(
      result('{"a": dyn([1, dyn({"b": quantity("500m")})]), "c": dyn(1.5)}'),
    ).toEqual({
      a: [1, { b: '500m' }],
      c: 1.5,
    });
  });

  it('round-trips JSON', () => {
    const json = { a: [1, 2.5, 'x', null, true], b: { c: -7 } };
    expect(fromCelValue(toCelValue(json))).toEqual(json);
  });
});
