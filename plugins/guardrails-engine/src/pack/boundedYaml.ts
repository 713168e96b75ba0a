/*
 * The one place that says how YAML from outside is read: pack files and
 * manifests (CLI input, scaffolder workspaces) may come from anyone, so every
 * parse of them goes through these limits.
 */
import {
  Document,
  isNode,
  isScalar,
  LineCounter,
  parseAllDocuments,
  visit,
  YAMLParseError,
} from 'yaml';

/** Limits on one YAML (or JSON) file of a pack or of manifests. @public */
export const YAML_LIMITS = {
  /**
   * 4 MiB. The default pack's largest file is about 20 KiB and rendered
   * charts are rarely over 1 MiB; a bigger file is a mistake or an attack,
   * and its parsed tree would take many times its size in memory.
   */
  maxFileBytes: 4 * 1024 * 1024,
  /**
   * The yaml package's limit on alias expansion (each use of an anchor,
   * times the aliases inside it), stated here so that no parse leaves it out:
   * a "billion laughs" document fails at once instead of growing
   * exponentially.
   */
  maxAliasCount: 100,
} as const;

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair: one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const MAX_MIB = YAML_LIMITS.maxFileBytes / (1024 * 1024);

/**
 * Why a file of `size` bytes (or this text, measured in UTF-8) may not be
 * read as YAML, naming the limit; undefined when it may.
 * @public
 */
export function yamlSizeProblem(size: number | string): string | undefined {
  const bytes = typeof size === 'string' ? utf8Length(size) : size;
  if (bytes <= YAML_LIMITS.maxFileBytes) return undefined;
  return `is ${bytes} bytes, over the limit of ${MAX_MIB} MiB (${YAML_LIMITS.maxFileBytes} bytes) for one YAML file`;
}

/**
 * Reports duplicate scalar keys as yaml does, in linear time: yaml's own
 * check compares each key with every earlier one, which takes minutes on a
 * mapping of a hundred thousand keys.
 */
function checkUniqueKeys(document: Document, lineCounter: LineCounter): void {
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) {
          const [start, end] = key.range ?? [0, 0];
          const error = new YAMLParseError(
            [start, end],
            'DUPLICATE_KEY',
            'Map keys must be unique',
          );
          error.linePos = [
            lineCounter.linePos(start),
            lineCounter.linePos(end),
          ];
          document.errors.push(error);
        }
        seen.add(key.value);
      }
    },
  });
}

/**
 * Parses the documents of an untrusted YAML text. Syntax errors, duplicate
 * keys included, are in each document's `errors` with their line. Throws a
 * RangeError for a text over {@link YAML_LIMITS}' size: check
 * {@link yamlSizeProblem} first to report it with the file's name.
 * @public
 */
export function parseYamlDocuments(
  text: string,
  lineCounter: LineCounter = new LineCounter(),
): Document[] {
  const tooBig = yamlSizeProblem(text);
  if (tooBig) throw new RangeError(`YAML text ${tooBig}`);
  const documents = parseAllDocuments(text, {
    lineCounter,
    uniqueKeys: false,
  }) as Document[];
  for (const document of documents) checkUniqueKeys(document, lineCounter);
  return [...documents];
}

/**
 * A parsed document as plain data, with aliases limited to
 * {@link YAML_LIMITS}' `maxAliasCount`. Throws (a ReferenceError from yaml)
 * for a document that expands too much or uses an undefined alias.
 * @public
 */
export function yamlDocumentToJS(document: Document): unknown {
  return document.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
}

/** Why one document of a YAML text cannot be read. */
export interface YamlDocumentProblem {
  /**
   * `syntax`: not valid YAML (duplicate keys included); `unreadable`: valid, but its aliases
   * expand beyond {@link YAML_LIMITS} or name no anchor.
   */
  kind: 'syntax' | 'unreadable';
  /** One-based line to point at. */
  line?: number;
  /** The parser's reason, on one line, without the position it also gives. */
  message: string;
}

/** One document of a YAML text: its content as plain data, or the problems that keep it from being read. */
export interface YamlDocumentContent {
  document: Document;
  /** Undefined or null for an empty document, and when there are problems. */
  content: unknown;
  problems: YamlDocumentProblem[];
}

/**
 * The documents of an untrusted YAML text, each read as plain data within {@link YAML_LIMITS}.
 * Throws a RangeError for a text over the size limit, like {@link parseYamlDocuments}.
 */
export function readYamlDocuments(
  text: string,
  lineCounter: LineCounter = new LineCounter(),
): YamlDocumentContent[] {
  return parseYamlDocuments(text, lineCounter).map(document => {
    if (document.errors.length > 0) {
      const problems = document.errors.map(error => ({
        kind: 'syntax' as const,
        line: error.linePos?.[0].line,
        message: error.message
          .split('\n')[0]
          .replace(/ at line \d+, column \d+:?$/, ''),
      }));
      return { document, content: undefined, problems };
    }
    try {
      return { document, content: yamlDocumentToJS(document), problems: [] };
    } catch (error) {
      // yaml's error may come from another realm (a browser frame, a test DOM): no instanceof.
      const reason = (error as { message?: unknown } | undefined)?.message;
      const { contents } = document;
      const problem: YamlDocumentProblem = {
        kind: 'unreadable',
        line:
          isNode(contents) && contents.range
            ? lineCounter.linePos(contents.range[0]).line
            : undefined,
        message: typeof reason === 'string' ? reason : String(error),
      };
      return { document, content: undefined, problems: [problem] };
    }
  });
}
