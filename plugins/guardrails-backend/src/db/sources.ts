import { InputError } from '@backstage/errors';

/**
 * The sources an audit replaces: exact names (`audit`, `policyreport:kyverno`) and whole families written
 * `<family>:*`, which stand for every stored source named `<family>:…`.
 */
export class SourceSelection {
  static parse(sources: string[] | undefined): SourceSelection {
    const given = sources ?? ['audit'];
    if (!Array.isArray(given) || given.length === 0) {
      throw new InputError('sources must be a non-empty list of source names');
    }
    const exact = new Set<string>();
    const prefixes: string[] = [];
    for (const source of given) {
      if (typeof source !== 'string' || source.length === 0) {
        throw new InputError(
          `sources must hold non-empty strings, got ${JSON.stringify(source)}`,
        );
      }
      if (source.endsWith(':*')) {
        prefixes.push(source.slice(0, -1));
      } else if (source.includes('*')) {
        throw new InputError(
          `source '${source}' is not valid: a wildcard is only allowed as '<family>:*'`,
        );
      } else {
        exact.add(source);
      }
    }
    return new SourceSelection(exact, prefixes);
  }

  private constructor(
    readonly exact: ReadonlySet<string>,
    readonly prefixes: readonly string[],
  ) {}

  get hasFamilies(): boolean {
    return this.prefixes.length > 0;
  }

  includes(source: string): boolean {
    return (
      this.exact.has(source) || this.prefixes.some(p => source.startsWith(p))
    );
  }

  describe(): string {
    return [...this.exact, ...this.prefixes.map(p => `${p}*`)].join(', ');
  }
}
