import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import { thrownBy } from '../__testing__/files';
import { PackValidationError, parsePack } from '../index';

const NOW = new Date('2026-11-22T00:00:00Z');

function load(content: string) {
  return parsePack([{ path: 'pod.yaml', content }], { now: NOW });
}

function problemsOf(content: string) {
  const error = thrownBy(() => load(content));
  expect(error).toBeInstanceOf(PackValidationError);
  return (error as PackValidationError).problems.map(
    p =>
      `${p.file}:${p.line} (document ${p.documentIndex + 1} "${
        p.documentName
      }") ${p.field}: ${p.message}`,
  );
}

/** A pack file whose guardrail ends with `remediationExample` as written here. */
function withExample(example: string): string {
  return `${yamlDocuments(
    guardrailDocument('pod.no-privileged'),
  )}---\n${yamlDocuments(
    guardrailDocument('pod.second'),
  ).trimEnd()}\n  remediationExample: ${example}\n`;
}

describe('remediationExample', () => {
  it('is optional and kept as written', () => {
    const example = 'securityContext:\n  privileged: false\n';
    const { pack } = load(
      yamlDocuments(
        guardrailDocument('pod.no-privileged', { remediationExample: example }),
        guardrailDocument('pod.second'),
      ),
    );
    expect(pack.guardrails.map(g => g.remediationExample)).toEqual([
      example,
      undefined,
    ]);
  });

  it('accepts several documents', () => {
    const { pack } = load(
      withExample('|\n    kind: A\n    ---\n    kind: B\n'),
    );
    expect(pack.guardrails[1].remediationExample).toBe(
      'kind: A\n---\nkind: B\n',
    );
  });

  it('must parse as YAML, naming the line in the file and in the example', () => {
    const content = withExample(
      '|\n    securityContext:\n      privileged: false\n      privileged: true\n',
    );
    const exampleLine = content.split('\n').indexOf('  remediationExample: |');
    expect(problemsOf(content)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^pod\\.yaml:${
            exampleLine + 1 + 3
          } \\(document 2 "pod\\.second"\\) spec\\.remediationExample: is not valid YAML \\(line 3 of the example\\): Map keys must be unique$`,
        ),
      ),
    ]);
  });

  it('must be a non-empty string of at most 8 KiB', () => {
    const big = `a: ${'x'.repeat(8 * 1024)}`;
    expect(
      problemsOf(
        yamlDocuments(
          guardrailDocument('pod.a', { remediationExample: ['a: 1'] }),
          guardrailDocument('pod.b', { remediationExample: ' ' }),
          guardrailDocument('pod.c', { remediationExample: big }),
        ),
      ).map(p => p.replace(/^pod\.yaml:\d+ /, '')),
    ).toEqual([
      '(document 1 "pod.a") spec.remediationExample: must be a string, got a list',
      '(document 2 "pod.b") spec.remediationExample: must not be empty',
      `(document 3 "pod.c") spec.remediationExample: is ${big.length} bytes, over the limit of 8192 bytes for an example`,
    ]);
  });
});
