/*
 * Ported from Kubernetes: staging/src/k8s.io/apiserver/pkg/cel/library/semver_test.go (TestSemver).
 */
import { KubernetesCase, fails, holds } from './kubernetesCase';

export const SEMVER_CASES: KubernetesCase[] = [
  {
    name: 'parse',
    expr: 'semver("1.2.3")',
    expect: { typed: 'kubernetes.Semver', text: '1.2.3' },
  },
  fails(
    'parseInvalidVersion',
    'semver("v1.0")',
    'evaluation',
    'No Major.Minor.Patch elements found',
  ),
  holds('isSemver', 'isSemver("1.2.3-beta.1+build.1")'),
  holds('isSemver_empty_false', 'isSemver("")', false),
  holds('isSemver_v_prefix_false', 'isSemver("v1.0.0")', false),
  holds('isSemver_v_leading_whitespace_false', 'isSemver(" 1.0.0")', false),
  holds('isSemver_v_contains_whitespace_false', 'isSemver("1. 0.0")', false),
  holds('isSemver_v_trailing_whitespace_false', 'isSemver("1.0.0 ")', false),
  holds('isSemver_leading_zeros_false', 'isSemver("01.01.01")', false),
  holds('isSemver_major_only_false', 'isSemver("1")', false),
  holds('isSemver_major_minor_only_false', 'isSemver("1.1")', false),
  holds('isSemver_empty_normalize_false', 'isSemver("", true)', false),
  holds(
    'isSemver_v_leading_whitespace_normalize_false',
    'isSemver(" 1.0.0", true)',
    false,
  ),
  holds(
    'isSemver_v_contains_whitespace_normalize_false',
    'isSemver("1. 0.0", true)',
    false,
  ),
  holds(
    'isSemver_v_trailing_whitespace_normalize_false',
    'isSemver("1.0.0 ", true)',
    false,
  ),
  holds('isSemver_v_prefix_normalize_true', 'isSemver("v1.0.0", true)'),
  holds('isSemver_leading_zeros_normalize_true', 'isSemver("01.01.01", true)'),
  holds('isSemver_major_only_normalize_true', 'isSemver("1", true)'),
  holds('isSemver_major_minor_only_normalize_true', 'isSemver("1.1", true)'),
  fails(
    'isSemver_noOverload',
    'isSemver([1, 2, 3])',
    'compile',
    "found no matching overload for 'isSemver' applied to.*",
  ),
  holds('equality_normalize', 'semver("v01.01", true) == semver("1.1.0")'),
  holds('equality_reflexivity', 'semver("1.2.3") == semver("1.2.3")'),
  holds('inequality', 'semver("1.2.3") == semver("1.0.0")', false),
  holds('semver_less', 'semver("1.0.0").isLessThan(semver("1.2.3"))'),
  holds(
    'semver_less_false',
    'semver("1.0.0").isLessThan(semver("1.0.0"))',
    false,
  ),
  holds('semver_greater', 'semver("1.2.3").isGreaterThan(semver("1.0.0"))'),
  holds(
    'semver_greater_false',
    'semver("1.0.0").isGreaterThan(semver("1.0.0"))',
    false,
  ),
  holds('compare_equal', 'semver("1.2.3").compareTo(semver("1.2.3"))', 0n),
  holds('compare_less', 'semver("1.0.0").compareTo(semver("1.2.3"))', -1n),
  holds('compare_greater', 'semver("1.2.3").compareTo(semver("1.0.0"))', 1n),
  holds('major', 'semver("1.2.3").major()', 1n),
  holds('minor', 'semver("1.2.3").minor()', 2n),
  holds('patch', 'semver("1.2.3").patch()', 3n),
];
