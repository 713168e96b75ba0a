/*
 * Conformance cases where Kubernetes departs from the CEL specification, with
 * what Kubernetes does instead and why. The conformance test holds the engine
 * to these outcomes, since a guardrail must evaluate as the cluster does.
 */
import type { Expectation } from './specCase';

export type KubernetesDifference = Expectation & { because: string };

const because =
  "Kubernetes enables cel-go's strings extension at version 2, whose format() prints through golang.org/x/text (en_US: 2.718280 × 10⁰⁰, ∞), prints lists and maps as CEL literals and accepts %d only for integers (outputs as in cel-go's ext/formatting_test.go for that version)";

const k8sFormat = (value: string): KubernetesDifference => ({
  kind: 'value',
  value,
  because,
});

const k8sFormatError: KubernetesDifference = { kind: 'compile-error', because };

const mixedLiterals: KubernetesDifference = {
  ...{ kind: 'compile-error' },
  because:
    "Kubernetes rejects list and map literals whose elements, keys or values differ in type (cel-go's ValidateHomogeneousAggregateLiterals, on since 1.29)",
};
const quotedFields: KubernetesDifference = {
  ...{ kind: 'compile-error' },
  because:
    "Kubernetes does not enable backquoted field names (cel-go's EnableIdentifierEscapeSyntax)",
};
const durationMillis: KubernetesDifference = {
  ...{ kind: 'value', value: 123321n },
  because:
    'getMilliseconds() of a duration is the whole duration in milliseconds in the cel-go releases Kubernetes uses, as its own tests expect',
};

export const KUBERNETES_DIFFERENCES: Readonly<
  Record<string, KubernetesDifference>
> = {
  'string_ext/format/scientific notation formatting clause': k8sFormat(
    '1.052033\u202f×\u202f10⁰³',
  ),
  'string_ext/format/scientific notation formatting clause in a string variable':
    k8sFormat('1.052033\u202f×\u202f10⁰³'),
  'string_ext/format/default precision for scientific notation': k8sFormat(
    '2.718280\u202f×\u202f10⁰⁰',
  ),
  'string_ext/format/dyntype support for scientific notation': k8sFormat(
    '2.718280\u202f×\u202f10⁰⁰',
  ),
  'string_ext/format/positive infinity support for scientific notation':
    k8sFormat('∞'),
  'string_ext/format/negative infinity support for scientific notation':
    k8sFormat('-∞'),
  'string_ext/format/positive infinity support for fixed-point': k8sFormat('∞'),
  'string_ext/format/negative infinity support for fixed-point':
    k8sFormat('-∞'),
  'string_ext/format/list support for string': k8sFormat(
    '["abc", 3.140000, null, [9, 8, 7, 6], timestamp("2023-02-03T23:31:20Z")]',
  ),
  'string_ext/format/map support for string': k8sFormat(
    '{"key1":b"xyz", "key2":duration("7200s"), "key3":2.718280, "key4":true, "key5":null}',
  ),
  'string_ext/format/map support (all key types)': k8sFormat(
    '{1:"value1", 2:"value2", true:"NaN"}',
  ),
  'string_ext/format/dyntype NaN/infinity support': k8sFormat(
    '["NaN", "+Inf", "-Inf"]',
  ),
  'string_ext/format/dyntype support for lists': k8sFormat(
    '[6, 4.200000, "a string"]',
  ),
  'string_ext/format/dyntype support for maps': k8sFormat(
    '{"strKey":"x", 6:duration("422s"), true:42}',
  ),
  'string_ext/format/NaN support for decimal': k8sFormatError,
  'string_ext/format/positive infinity support for decimal': k8sFormatError,
  'string_ext/format/negative infinity support for decimal': k8sFormatError,
  'optionals/optionals/optional_chaining_13': mixedLiterals,
  'comparisons/eq_literal/not_eq_list_null': mixedLiterals,
  'comparisons/eq_literal/eq_list_mixed_type_numbers': mixedLiterals,
  'comparisons/eq_literal/not_eq_list_mixed_type_numbers': mixedLiterals,
  'comparisons/eq_literal/not_eq_list_false_vs_types': mixedLiterals,
  'comparisons/eq_literal/not_eq_map_null': mixedLiterals,
  'comparisons/eq_literal/eq_map_mixed_type_numbers': mixedLiterals,
  'comparisons/eq_literal/not_eq_map_false_vs_types': mixedLiterals,
  'comparisons/eq_literal/eq_map_value_mixed_types': mixedLiterals,
  'comparisons/eq_literal/not_eq_list_elem_null': mixedLiterals,
  'comparisons/eq_literal/not_eq_map_value_null': mixedLiterals,
  'comparisons/in_list_literal/elem_in_mixed_type_list': mixedLiterals,
  'comparisons/in_list_literal/elem_in_mixed_type_list_cross_type':
    mixedLiterals,
  'comparisons/in_map_literal/key_in_mixed_key_type_map': mixedLiterals,
  'comparisons/in_map_literal/key_in_mixed_key_type_map_cross_type':
    mixedLiterals,
  'conversions/dyn/dyn_heterogeneous_list': mixedLiterals,
  'fields/map_fields/map_key_int64': mixedLiterals,
  'fields/map_fields/map_key_uint64': mixedLiterals,
  'fields/map_fields/map_key_mixed_type': mixedLiterals,
  'fields/map_fields/map_key_mixed_numbers_double_key': mixedLiterals,
  'fields/map_fields/map_key_mixed_numbers_lossy_double_key': mixedLiterals,
  'fields/map_fields/map_key_mixed_numbers_uint_key': mixedLiterals,
  'fields/map_fields/map_key_mixed_numbers_int_key': mixedLiterals,
  'fields/map_fields/map_value_mix_type': mixedLiterals,
  'fields/qualified_identifier_resolution/map_key_float': mixedLiterals,
  'fields/qualified_identifier_resolution/map_value_repeat_key_heterogeneous':
    mixedLiterals,
  'fields/in/mixed_numbers_and_keys_present': mixedLiterals,
  'fields/in/mixed_numbers_and_keys_absent': mixedLiterals,
  'macros/exists/list_elem_type_shortcircuit': mixedLiterals,
  'macros/exists/list_elem_type_exhaustive': mixedLiterals,
  'macros/exists/map_key_type_shortcircuit': mixedLiterals,
  'macros/exists/map_key_type_exhaustive': mixedLiterals,
  'macros/all/list_elem_type_shortcircuit': mixedLiterals,
  'macros/all/list_elem_type_exhaustive': mixedLiterals,
  'optionals/optionals/map_key_mixed_type_optindex_value': mixedLiterals,
  'optionals/optionals/map_key_mixed_numbers_double_key_optindex_value':
    mixedLiterals,
  'optionals/optionals/map_key_mixed_numbers_uint_key_optindex_value':
    mixedLiterals,
  'optionals/optionals/map_key_mixed_numbers_int_key_optindex_value':
    mixedLiterals,
  'plumbing/check_inputs/skip_check': mixedLiterals,
  'type_deductions/legacy_nullable_types/null_assignable_to_abstract_parameter_candidate':
    mixedLiterals,
  'fields/quoted_map_fields/field_access_slash': quotedFields,
  'fields/quoted_map_fields/field_access_dash': quotedFields,
  'fields/quoted_map_fields/field_access_dot': quotedFields,
  'fields/quoted_map_fields/has_field_slash': quotedFields,
  'fields/quoted_map_fields/has_field_dash': quotedFields,
  'fields/quoted_map_fields/has_field_dot': quotedFields,
  'timestamps/duration_converters/get_milliseconds': durationMillis,
  'macros2/exists/list_elem_type_shortcircuit': mixedLiterals,
  'macros2/exists/list_elem_type_exhaustive': mixedLiterals,
  'macros2/exists/map_key_type_shortcircuit': mixedLiterals,
  'macros2/exists/map_key_type_exhaustive': mixedLiterals,
  'macros2/all/list_elem_type_shortcircuit': mixedLiterals,
  'macros2/all/list_elem_type_exhaustive': mixedLiterals,
  'macros2/all/list_elem_type_error_exhaustive': mixedLiterals,
};
