import { LineCounter } from 'yaml';
import {
  GUARDRAILS_API_VERSION,
  PackLocation,
} from '@guardrails-dev/plugin-guardrails-common';
import { readYamlDocuments, yamlSizeProblem } from './boundedYaml';
import { lineOf } from './documentLines';
import { formatFieldPath } from './fieldPath';
import { FieldReader, Mapping, ReportProblem } from './fieldReader';
import { guardrailIdPattern, objectNamePattern } from './names';
import { PackProblem } from './PackValidationError';

/** One file of a pack: its path (for messages) and its YAML text. @public */
export interface PackFile {
  path: string;
  content: string;
}

/** The document kinds a pack may contain. @public */
export const PACK_DOCUMENT_KINDS = [
  'Guardrail',
  'GuardrailExemption',
  'GuardrailOverride',
] as const;

/** A document of a pack file: where it is, and how to report a problem at one of its fields. */
export interface PackDocument {
  location: PackLocation;
  report: ReportProblem;
}

/** A document whose apiVersion, kind and name are valid; its spec is still to be read. */
export interface PackDocumentHeader {
  document: PackDocument;
  reader: FieldReader;
  kind: (typeof PACK_DOCUMENT_KINDS)[number];
  name: string;
  /** Undefined when missing or not a mapping (already reported). */
  spec: Mapping | undefined;
}

/** `a.yaml (document 2)`, for messages that point at another document. */
export function describeDocument({ location }: PackDocument): string {
  return `${location.file} (document ${location.documentIndex + 1})`;
}

function readHeader(
  content: unknown,
  reader: FieldReader,
  named: (name: string) => void,
): Omit<PackDocumentHeader, 'document' | 'reader'> | undefined {
  const root = reader.mapping(content, []);
  if (!root) {
    return undefined;
  }
  const peek = root.metadata as { name?: unknown } | undefined;
  if (typeof peek?.name === 'string') {
    named(peek.name);
  }
  reader.onlyKeys(root, [], ['apiVersion', 'kind', 'metadata', 'spec']);
  const apiVersion = reader.string(root, 'apiVersion', [], { required: true });
  if (apiVersion !== undefined && apiVersion !== GUARDRAILS_API_VERSION) {
    reader.report(
      ['apiVersion'],
      `must be ${GUARDRAILS_API_VERSION} (got "${apiVersion}")`,
    );
  }
  const kind = reader.oneOf(root, 'kind', [], PACK_DOCUMENT_KINDS, {
    required: true,
  });
  const metadata = reader.present(root, 'metadata', [], true)
    ? reader.mapping(root.metadata, ['metadata'])
    : undefined;
  let name: string | undefined;
  if (metadata) {
    reader.onlyKeys(metadata, ['metadata'], ['name', 'labels', 'annotations']);
    name = reader.string(metadata, 'name', ['metadata'], { required: true });
    const pattern =
      kind === 'GuardrailExemption' ? objectNamePattern : guardrailIdPattern;
    if (name !== undefined && kind && !pattern.test(name)) {
      reader.report(
        ['metadata', 'name'],
        `"${name}" is not ${pattern.description}`,
      );
      name = undefined;
    }
  }
  const spec = reader.present(root, 'spec', [], true)
    ? reader.mapping(root.spec, ['spec'])
    : undefined;
  if (!kind || !name || apiVersion !== GUARDRAILS_API_VERSION) {
    return undefined;
  }
  return { kind, name, spec };
}

/**
 * The documents of one pack file whose header is valid, in order. Every
 * problem found so far (size, YAML syntax, header fields) goes to `problems`,
 * and so do those later reported through a document's `report`.
 */
export function readPackFile(
  file: PackFile,
  problems: PackProblem[],
): PackDocumentHeader[] {
  const tooBig = yamlSizeProblem(file.content);
  if (tooBig) {
    problems.push({
      file: file.path,
      documentIndex: 0,
      field: '',
      message: tooBig,
    });
    return [];
  }
  const lineCounter = new LineCounter();
  const headers: PackDocumentHeader[] = [];
  readYamlDocuments(file.content, lineCounter).forEach(
    ({ document: yaml, content, problems: unreadable }, documentIndex) => {
      for (const { kind, line, message } of unreadable) {
        problems.push({
          file: file.path,
          documentIndex,
          field: '',
          line,
          message:
            kind === 'syntax'
              ? `YAML syntax error${line ? ` at line ${line}` : ''}: ${message}`
              : `cannot read the document: ${message}`,
        });
      }
      if (unreadable.length > 0 || content === null || content === undefined) {
        return; // unreadable, or empty (e.g. after a trailing ---)
      }
      let documentName: string | undefined;
      const document: PackDocument = {
        location: { file: file.path, documentIndex },
        report: (path, message, lineInValue) =>
          problems.push({
            file: file.path,
            documentIndex,
            ...(documentName ? { documentName } : {}),
            field: formatFieldPath(path),
            line: lineOf(yaml, lineCounter, path, lineInValue),
            message,
          }),
      };
      const reader = new FieldReader(document.report);
      const header = readHeader(content, reader, name => {
        documentName = name;
      });
      if (header) {
        headers.push({ document, reader, ...header });
      }
    },
  );
  return headers;
}
