/*
 * Ported from Kubernetes: staging/src/k8s.io/apiserver/pkg/cel/library/quantity_test.go (TestQuantity).
 */
import { KubernetesCase, fails, holds } from './kubernetesCase';

export const QUANTITY_CASES: KubernetesCase[] = [
  {
    name: 'parse',
    expr: 'quantity("12Mi")',
    expect: { typed: 'kubernetes.Quantity', text: '12Mi' },
  },
  fails(
    'parseInvalidSuffix',
    'quantity("10Mo")',
    'evaluation',
    'quantities must match the regular expression.*',
  ),
  fails(
    'parseInvalidSuffixPassesRegex',
    'quantity("10Mm")',
    'evaluation',
    "unable to parse quantity's suffix",
  ),
  holds('isQuantity', 'isQuantity("20")'),
  holds('isQuantity_megabytes', 'isQuantity("20M")'),
  holds('isQuantity_mebibytes', 'isQuantity("20Mi")'),
  holds('isQuantity_invalidSuffix', 'isQuantity("20Mo")', false),
  holds('isQuantity_passingRegex', 'isQuantity("10Mm")', false),
  fails(
    'isQuantity_noOverload',
    'isQuantity([1, 2, 3])',
    'compile',
    "found no matching overload for 'isQuantity' applied to.*",
  ),
  holds('equality_reflexivity', 'quantity("200M") == quantity("200M")'),
  holds(
    'equality_symmetry',
    'quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")',
  ),
  holds(
    'equality_transitivity',
    'quantity("2M") == quantity("0.002G") && quantity("2000k") == quantity("2M") && quantity("0.002G") == quantity("2000k")',
  ),
  holds('inequality', 'quantity("200M") == quantity("0.3G")', false),
  holds('quantity_less', 'quantity("50M").isLessThan(quantity("50Mi"))'),
  holds(
    'quantity_less_obvious',
    'quantity("50M").isLessThan(quantity("100M"))',
  ),
  holds(
    'quantity_less_false',
    'quantity("100M").isLessThan(quantity("50M"))',
    false,
  ),
  holds('quantity_greater', 'quantity("50Mi").isGreaterThan(quantity("50M"))'),
  holds(
    'quantity_greater_obvious',
    'quantity("150Mi").isGreaterThan(quantity("100Mi"))',
  ),
  holds(
    'quantity_greater_false',
    'quantity("50M").isGreaterThan(quantity("100M"))',
    false,
  ),
  holds('compare_equal', 'quantity("200M").compareTo(quantity("0.2G"))', 0n),
  holds('compare_less', 'quantity("50M").compareTo(quantity("50Mi"))', -1n),
  holds('compare_greater', 'quantity("50Mi").compareTo(quantity("50M"))', 1n),
  holds(
    'add_quantity',
    'quantity("50k").add(quantity("20")) == quantity("50.02k")',
  ),
  holds(
    'add_int',
    'quantity("50k").add(20).isLessThan(quantity("50020"))',
    false,
  ),
  holds(
    'sub_quantity',
    'quantity("50k").sub(quantity("20")) == quantity("49.98k")',
  ),
  holds('sub_int', 'quantity("50k").sub(20) == quantity("49980")'),
  holds('multiply', 'quantity("50k").mul(2) == quantity("100000")'),
  {
    name: 'divide_float_result',
    expr: 'quantity("10000").div(3).asApproximateFloat()',
    expect: { approx: 3333.3333 },
  },
  holds('divide_scaled', 'quantity("10k").div(2) == quantity("5000")'),
  holds('integer_division', 'quantity("10000").divInt(3) == quantity("3333")'),
  holds(
    'arith_chain_1',
    'quantity("50k").add(20).sub(quantity("100k")).asInteger()',
    -49980n,
  ),
  holds(
    'arith_chain',
    'quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger()',
    20n,
  ),
  holds('as_integer', 'quantity("50k").asInteger()', 50000n),
  fails(
    'as_integer_error',
    'quantity("9999999999999999999999999999999999999G").asInteger()',
    'evaluation',
    'cannot convert value to integer',
  ),
  holds(
    'is_integer (too large)',
    'quantity("9999999999999999999999999999999999999G").isInteger()',
    false,
  ),
  holds('is_integer', 'quantity("50").isInteger()'),
  holds('as_float', 'quantity("50.703k").asApproximateFloat()', 50703),
];
