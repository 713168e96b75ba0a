import { readYamlDocuments } from './boundedYaml';
import { FieldPath } from './fieldPath';
import { FieldReader, Mapping } from './fieldReader';

/**
 * 8 KiB: an example is a snippet a reader copies from a page, not a chart;
 * the portal shows it in full, so a bigger one is a mistake.
 */
export const MAX_REMEDIATION_EXAMPLE_BYTES = 8 * 1024;

const PATH: FieldPath = ['spec', 'remediationExample'];

/**
 * Reads the optional `remediationExample`: a YAML snippet (one or more
 * documents) that fixes a violation. Undefined when absent or invalid (the
 * problem is reported, with the line of the snippet it is on).
 */
export function readRemediationExample(
  spec: Mapping,
  reader: FieldReader,
): string | undefined {
  const example = reader.string(spec, 'remediationExample', ['spec'], {
    required: false,
  });
  if (example === undefined) return undefined;
  const bytes = new TextEncoder().encode(example).length;
  if (bytes > MAX_REMEDIATION_EXAMPLE_BYTES) {
    reader.report(
      PATH,
      `is ${bytes} bytes, over the limit of ${MAX_REMEDIATION_EXAMPLE_BYTES} bytes for an example`,
    );
    return undefined;
  }
  const problems = readYamlDocuments(example).flatMap(d => d.problems);
  for (const { line, message } of problems) {
    reader.report(
      PATH,
      `is not valid YAML${
        line ? ` (line ${line} of the example)` : ''
      }: ${message}`,
      line,
    );
  }
  return problems.length === 0 ? example : undefined;
}
