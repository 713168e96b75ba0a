import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import { thrownBy } from '../__testing__/files';
import {
  PackValidationError,
  parsePack,
  parseYamlDocuments,
  YAML_LIMITS,
  yamlSizeProblem,
} from '../index';

const NOW = new Date('2026-11-22T00:00:00Z');

/** "Billion laughs": nine levels of nine aliases, 9^9 strings once expanded. */
const ALIAS_BOMB = [
  'apiVersion: guardrails.dev/v1alpha1',
  'kind: Guardrail',
  'metadata:',
  '  name: pod.laughs',
  `  annotations: { a0: &a0 "lol" }`,
  ...Array.from(
    { length: 9 },
    (_, i) => `x${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`,
  ),
  '',
].join('\n');

function problemsOf(content: string, path = 'pack.yaml') {
  const error = thrownBy(() => parsePack([{ path, content }], { now: NOW }));
  expect(error).toBeInstanceOf(PackValidationError);
  return (error as PackValidationError).problems;
}

describe('parsePack on untrusted YAML', () => {
  it('reports an alias bomb as a problem of the file and line, without expanding it', () => {
    const started = Date.now();
    const problems = problemsOf(
      `${yamlDocuments(guardrailDocument('pod.fine'))}---\n${ALIAS_BOMB}`,
      'laughs.yaml',
    );
    expect(problems).toEqual([
      {
        file: 'laughs.yaml',
        documentIndex: 1,
        field: '',
        line: expect.any(Number),
        message: expect.stringMatching(/alias/i),
      },
    ]);
    expect(problems[0].line).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a file over the size limit, naming the file and the limit', () => {
    const big = `# ${'x'.repeat(YAML_LIMITS.maxFileBytes)}\n`;
    expect(problemsOf(big, 'huge.yaml')).toEqual([
      {
        file: 'huge.yaml',
        documentIndex: 0,
        field: '',
        message: `is ${big.length} bytes, over the limit of 4 MiB (4194304 bytes) for one YAML file`,
      },
    ]);
  });

  it('measures the size limit in UTF-8 bytes', () => {
    const limit = YAML_LIMITS.maxFileBytes;
    expect(yamlSizeProblem(limit)).toBeUndefined();
    expect(yamlSizeProblem(limit + 1)).toMatch(/over the limit of 4 MiB/);
    // Each é takes two bytes.
    expect(yamlSizeProblem('é'.repeat(limit / 2))).toBeUndefined();
    expect(yamlSizeProblem('é'.repeat(limit / 2 + 1))).toMatch(/over/);
  });

  it('checks map keys for duplicates in linear time', () => {
    // yaml's own check compares every key with every other: minutes for this. Linear takes
    // about a second; the bound leaves room for a machine shared with other test runs.
    const keys = 100_000;
    const text = Array.from({ length: keys }, (_, i) => `k${i}: v`).join('\n');
    const started = Date.now();
    const [document] = parseYamlDocuments(`${text}\nk7: again\n`);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(document.errors.map(e => [e.code, e.linePos?.[0].line])).toEqual([
      ['DUPLICATE_KEY', keys + 1],
    ]);
    expect(parseYamlDocuments('a: 1\n"1": x\n1: y\n')[0].errors).toEqual([]);
  }, 30_000);

  it('still reports a duplicate key in a pack, with its line', () => {
    const problems = problemsOf(
      'apiVersion: guardrails.dev/v1alpha1\nkind: Guardrail\nkind: Guardrail\nmetadata: { name: pod.x }\n',
    );
    expect(problems).toEqual([
      expect.objectContaining({
        line: 3,
        message: expect.stringMatching(
          /^YAML syntax error at line 3: .*unique/,
        ),
      }),
    ]);
  });
});
