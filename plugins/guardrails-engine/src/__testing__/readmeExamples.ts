import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';

const repositoryRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** A fenced YAML block of a README: where it starts and what it holds. */
export interface ReadmeYamlBlock {
  /** Path from the repository root, e.g. `plugins/guardrails-engine/README.md`. */
  readme: string;
  /** One-based line of the block's first YAML line. */
  line: number;
  content: string;
}

/** The repository's READMEs: the root one and those of every plugin and package. */
function readmes(): string[] {
  const nested = ['plugins', 'packages'].flatMap(dir =>
    fs
      .readdirSync(path.join(repositoryRoot, dir), { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .map(entry => path.join(dir, entry.name, 'README.md')),
  );
  return ['README.md', ...nested.sort()].filter(readme =>
    fs.existsSync(path.join(repositoryRoot, readme)),
  );
}

/** Every ```yaml (or ```yml) block of every README. */
export function readmeYamlBlocks(): ReadmeYamlBlock[] {
  const blocks: ReadmeYamlBlock[] = [];
  for (const readme of readmes()) {
    const lines = fs
      .readFileSync(path.join(repositoryRoot, readme), 'utf8')
      .split('\n');
    let start: number | undefined;
    lines.forEach((text, index) => {
      if (start === undefined && /^```ya?ml\s*$/.test(text)) {
        start = index + 1;
      } else if (start !== undefined && /^```\s*$/.test(text)) {
        const content = lines.slice(start, index).join('\n');
        blocks.push({ readme, line: start + 1, content });
        start = undefined;
      }
    });
  }
  return blocks;
}

/** The documents of a block as plain values; a block that is no YAML has none. */
function documentsOf(block: ReadmeYamlBlock): unknown[] {
  const documents = parseAllDocuments(block.content);
  if (!Array.isArray(documents) || documents.some(d => d.errors.length > 0)) {
    return [];
  }
  return documents.map(d => d.toJS());
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Blocks holding at least one Guardrail document: whole examples a reader copies into a pack. */
export function guardrailExamples(): ReadmeYamlBlock[] {
  return readmeYamlBlocks().filter(block =>
    documentsOf(block).some(
      d =>
        isRecord(d) &&
        d.apiVersion === 'guardrails.dev/v1alpha1' &&
        d.kind === 'Guardrail',
    ),
  );
}

/** Blocks that are pieces of a guardrail's spec (variables or validations without a document around them). */
export function guardrailSpecFragments(): ReadmeYamlBlock[] {
  return readmeYamlBlocks().filter(block => {
    const documents = documentsOf(block);
    return (
      documents.length === 1 &&
      isRecord(documents[0]) &&
      documents[0].kind === undefined &&
      (Array.isArray(documents[0].validations) ||
        Array.isArray(documents[0].variables))
    );
  });
}

/** Every `expression` and `messageExpression` of a fragment's variables and validations. */
export function fragmentExpressions(block: ReadmeYamlBlock): string[] {
  const [spec] = documentsOf(block) as Array<Record<string, any>>;
  return [...(spec.variables ?? []), ...(spec.validations ?? [])].flatMap(
    (entry: Record<string, unknown>) =>
      ['expression', 'messageExpression']
        .map(key => entry[key])
        .filter((value): value is string => typeof value === 'string'),
  );
}
