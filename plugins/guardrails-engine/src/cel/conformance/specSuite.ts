/*
 * Walks the CEL conformance data (@bufbuild/cel-spec) section by section and
 * runs every case through the engine.
 */
import { CaseResult, Expectation, SpecTest, runSpecCase } from './specCase';

/** A section or suite of the conformance data. */
export interface SpecSuite {
  name: string;
  suites?: SpecSuite[];
  tests?: SpecTest[];
}

export interface SectionResult {
  /** `section/suite/test` of each case, with its outcome. */
  cases: Array<{ key: string; expr: string; result: CaseResult }>;
}

/** Runs every case of one section of `data`; `overrides` replace the spec's expectation by key. */
export function runSpecSection(
  data: SpecSuite,
  name: string,
  overrides: Readonly<Record<string, Expectation>> = {},
): SectionResult {
  const section = data.suites?.find(s => s.name === name);
  if (!section) throw new Error(`no conformance section '${name}'`);
  const cases: SectionResult['cases'] = [];
  const seen = new Set<string>();
  for (const suite of section.suites ?? []) {
    for (const test of suite.tests ?? []) {
      let key = `${name}/${suite.name}/${test.original.name}`;
      // A few names repeat within a suite; later ones get a counter.
      for (let n = 2; seen.has(key); n++) {
        key = `${name}/${suite.name}/${test.original.name}#${n}`;
      }
      seen.add(key);
      const result = runSpecCase(test, overrides[key]);
      cases.push({ key, expr: test.original.expr, result });
    }
  }
  return { cases };
}
