import { FieldPath } from './fieldPath';

/**
 * Records a problem at a field of the document being read; `lineInValue`
 * (one-based) points at a line inside a multi-line string field.
 */
export type ReportProblem = (
  path: FieldPath,
  message: string,
  lineInValue?: number,
) => void;

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Reads typed fields out of a parsed YAML document, reporting every problem
 * instead of stopping at the first, so one load lists all of them.
 */
export class FieldReader {
  constructor(readonly report: ReportProblem) {}

  mapping(value: unknown, path: FieldPath): Mapping | undefined {
    if (isMapping(value)) {
      return value;
    }
    this.report(path, `must be a mapping, got ${describe(value)}`);
    return undefined;
  }

  /** Reports keys outside `allowed`, naming the allowed ones. */
  onlyKeys(
    mapping: Mapping,
    path: FieldPath,
    allowed: readonly string[],
  ): void {
    for (const key of Object.keys(mapping)) {
      if (!allowed.includes(key)) {
        this.report(
          [...path, key],
          `is not a known field (allowed: ${allowed.join(', ')})`,
        );
      }
    }
  }

  /**
   * Reads each item of a list at `path` as a mapping with only the `allowed`
   * keys, handing it to `read`; false when an item is not a mapping or `read`
   * finds it invalid. Every item is read, so every problem is reported.
   */
  eachMapping(
    items: readonly unknown[],
    path: FieldPath,
    allowed: readonly string[],
    read: (mapping: Mapping, itemPath: FieldPath) => boolean,
  ): boolean {
    let ok = true;
    items.forEach((item, index) => {
      const itemPath = [...path, index];
      const mapping = this.mapping(item, itemPath);
      if (!mapping) {
        ok = false;
        return;
      }
      this.onlyKeys(mapping, itemPath, allowed);
      ok = read(mapping, itemPath) && ok;
    });
    return ok;
  }

  present(
    mapping: Mapping,
    key: string,
    path: FieldPath,
    required: boolean,
  ): boolean {
    if (mapping[key] !== undefined && mapping[key] !== null) {
      return true;
    }
    if (required) {
      this.report([...path, key], 'is required');
    }
    return false;
  }

  string(
    mapping: Mapping,
    key: string,
    path: FieldPath,
    options: { required: boolean; allowEmpty?: boolean },
  ): string | undefined {
    if (!this.present(mapping, key, path, options.required)) {
      return undefined;
    }
    const value = mapping[key];
    if (typeof value !== 'string') {
      this.report([...path, key], `must be a string, got ${describe(value)}`);
      return undefined;
    }
    if (!options.allowEmpty && value.trim() === '') {
      this.report([...path, key], 'must not be empty');
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(
    mapping: Mapping,
    key: string,
    path: FieldPath,
    allowed: readonly T[],
    options: { required: boolean },
  ): T | undefined {
    const value = this.string(mapping, key, path, options);
    if (value === undefined) {
      return undefined;
    }
    if (!(allowed as readonly string[]).includes(value)) {
      this.report(
        [...path, key],
        `must be one of ${allowed.join(', ')} (got "${value}")`,
      );
      return undefined;
    }
    return value as T;
  }

  list(
    mapping: Mapping,
    key: string,
    path: FieldPath,
    options: { required: boolean; nonEmpty?: boolean },
  ): unknown[] | undefined {
    if (!this.present(mapping, key, path, options.required)) {
      return undefined;
    }
    const value = mapping[key];
    if (!Array.isArray(value)) {
      this.report([...path, key], `must be a list, got ${describe(value)}`);
      return undefined;
    }
    if (options.nonEmpty && value.length === 0) {
      this.report([...path, key], 'must not be empty');
      return undefined;
    }
    return value;
  }

  /** A list of strings; `pattern` (with its description) checks each item. */
  stringList(
    mapping: Mapping,
    key: string,
    path: FieldPath,
    options: {
      required: boolean;
      nonEmpty?: boolean;
      allowEmptyItems?: boolean;
      pattern?: { test: (value: string) => boolean; description: string };
    },
  ): string[] | undefined {
    const items = this.list(mapping, key, path, options);
    if (!items) {
      return undefined;
    }
    let ok = true;
    items.forEach((item, index) => {
      const itemPath = [...path, key, index];
      if (typeof item !== 'string') {
        this.report(itemPath, `must be a string, got ${describe(item)}`);
        ok = false;
      } else if (!options.allowEmptyItems && item.trim() === '') {
        this.report(itemPath, 'must not be empty');
        ok = false;
      } else if (options.pattern && !options.pattern.test(item)) {
        this.report(
          itemPath,
          `"${item}" is not ${options.pattern.description}`,
        );
        ok = false;
      }
    });
    return ok ? (items as string[]) : undefined;
  }
}
