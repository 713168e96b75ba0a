/*
 * The CEL specification's conformance tests (cel-spec v0.25.1, shipped as
 * @bufbuild/cel-spec) run through compileCel/evaluate, for the sections whose
 * features Kubernetes' CEL environment enables
 * (k8s.io/apiserver/pkg/cel/environment/base.go):
 *
 *   core language, always on (cel-go's standard library with
 *   CrossTypeNumericComparisons, DefaultUTCTimeZone and OptionalTypes from 1.28):
 *     basic, comparisons, conversions, fields, fp_math, integer_math, lists,
 *     logic, macros, optionals, parse, plumbing, string, timestamps,
 *     type_deductions
 *   ext.Strings (version 2 from 1.29):   string_ext
 *   ext.TwoVarComprehensions (1.32):     macros2
 *
 * Left out because Kubernetes does not enable them: bindings_ext (ext.Bindings),
 * block_ext (cel.block), encoders_ext (ext.Encoders), math_ext (ext.Math),
 * and the protobuf sections dynamic, enums, namespace, proto2, proto2_ext and
 * proto3 (Kubernetes declares no protobuf messages or containers). Cases of
 * the chosen sections that need protobuf messages or declare their own
 * functions are counted as out of scope (see specCase.ts).
 *
 * Each case must behave as in Kubernetes: the spec's expected value or error,
 * except where kubernetesDifferences.ts says Kubernetes departs from the spec.
 * knownFailures.ts lists, with a reason, the cases the engine still gets
 * wrong. The test fails when a case off that list fails, and when a listed case
 * passes (remove it from the list: it only shrinks).
 */
import { KUBERNETES_DIFFERENCES } from './kubernetesDifferences';
import { KNOWN_FAILURES } from './knownFailures';
import { SpecSuite, runSpecSection } from './specSuite';

const data: SpecSuite =
  require('@bufbuild/cel-spec/testdata/conformance.js').tests;

const KUBERNETES_SECTIONS = [
  'basic',
  'comparisons',
  'conversions',
  'fields',
  'fp_math',
  'integer_math',
  'lists',
  'logic',
  'macros',
  'macros2',
  'optionals',
  'parse',
  'plumbing',
  'string',
  'string_ext',
  'timestamps',
  'type_deductions',
];

type Results = ReturnType<typeof runSpecSection>['cases'];
const results = new Map<string, Results>();

function sectionCases(section: string): Results {
  let cases = results.get(section);
  if (!cases) {
    cases = runSpecSection(data, section, KUBERNETES_DIFFERENCES).cases;
    results.set(section, cases);
  }
  return cases;
}

describe('CEL conformance, sections Kubernetes enables', () => {
  it('names sections present in the conformance data', () => {
    const names = (data.suites ?? []).map(section => section.name);
    expect(KUBERNETES_SECTIONS.filter(s => !names.includes(s))).toEqual([]);
  });

  it.each(KUBERNETES_SECTIONS)('%s', section => {
    const unexpectedFailures: string[] = [];
    const nowPassing: string[] = [];
    for (const { key, expr, result } of sectionCases(section)) {
      const known = key in KNOWN_FAILURES;
      if (result.status === 'pass' && known) nowPassing.push(key);
      if (result.status === 'fail' && !known) {
        unexpectedFailures.push(`${key}: ${expr} → ${result.detail}`);
      }
    }
    expect({ unexpectedFailures, nowPassing }).toEqual({
      unexpectedFailures: [],
      nowPassing: [],
    });
  });

  it('lists only cases that exist and are in scope', () => {
    const inScope = new Set(
      KUBERNETES_SECTIONS.flatMap(sectionCases)
        .filter(c => c.result.status !== 'out-of-scope')
        .map(c => c.key),
    );
    const stale = [
      ...Object.keys(KNOWN_FAILURES),
      ...Object.keys(KUBERNETES_DIFFERENCES),
    ].filter(key => !inScope.has(key));
    expect(stale).toEqual([]);
  });

  afterAll(() => {
    const all = KUBERNETES_SECTIONS.flatMap(sectionCases);
    const count = (status: string) =>
      all.filter(c => c.result.status === status).length;
    const pass = count('pass');
    const run = pass + count('fail');
    // eslint-disable-next-line no-console
    console.log(
      `CEL conformance (Kubernetes sections): ${pass}/${run} pass (${(
        (100 * pass) /
        run
      ).toFixed(1)} %), ${count('out-of-scope')} out of scope`,
    );
  });
});
