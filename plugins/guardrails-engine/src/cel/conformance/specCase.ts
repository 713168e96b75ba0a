/*
 * Runs one case of the CEL conformance data through the engine's public
 * compile/evaluate and says whether the engine behaves as Kubernetes does.
 */
import { CelCompileError, compileCel } from '../index';
import {
  SpecValue,
  UnsupportedSpecValue,
  fromSpecValue,
  sameValue,
  showValue,
} from './specValue';

/** One test of the conformance data, as @bufbuild/cel-spec ships it. */
export interface SpecTest {
  original: {
    name?: string;
    expr: string;
    disableCheck?: boolean;
    checkOnly?: boolean;
    container?: string;
    value?: SpecValue;
    evalError?: unknown;
    typedResult?: { result?: SpecValue; deducedType?: SpecType };
    typeEnv?: Array<{ name: string; ident?: unknown; function?: unknown }>;
    bindings?: Record<string, { value?: SpecValue }>;
  };
  /** cel-go's parse or check error for the expression, when it has one. */
  error?: string;
}

/** What Kubernetes does with the expression. */
export type Expectation =
  | { kind: 'value'; value: unknown }
  | { kind: 'evaluation-error' }
  | { kind: 'compile-error' }
  | { kind: 'compiles' };

export type CaseResult =
  | { status: 'pass' }
  | { status: 'fail'; detail: string }
  | { status: 'out-of-scope'; reason: string };

type SpecType = Record<string, unknown>;

const PROTOBUF =
  'uses protobuf messages, enums or containers; Kubernetes declares none';
const PROTOBUF_NAMES =
  /\b(?:TestAllTypes|NestedTestAllTypes|GlobalEnum|NestedEnum|TestRequired)\b|google\.protobuf\.(?:Any|Struct|Value|ListValue|NullValue|\w+Value)\b/;

const WELL_KNOWN = ['google.protobuf.Duration', 'google.protobuf.Timestamp'];

function declaresMessage(entry: { ident?: unknown }): boolean {
  const type = (entry.ident as { type?: { messageType?: string } })?.type;
  return !!type?.messageType && !WELL_KNOWN.includes(type.messageType);
}

/** Why a case cannot apply to a Kubernetes policy, if it cannot. */
export function outOfScope(test: SpecTest): string | undefined {
  const { original } = test;
  if (original.container || PROTOBUF_NAMES.test(original.expr)) return PROTOBUF;
  if (original.typeEnv?.some(declaresMessage)) return PROTOBUF;
  if (original.typeEnv?.some(entry => entry.name.includes('.'))) {
    return 'declares dotted variable names; Kubernetes declares plain ones';
  }
  if (original.typeEnv?.some(entry => entry.function)) {
    return 'declares its own functions; a Kubernetes policy cannot';
  }
  return undefined;
}

/** The outcome Kubernetes produces, read from the conformance case. */
export function expectationOf(test: SpecTest): Expectation {
  const { original } = test;
  // Kubernetes always type-checks: an expression cel-go's checker rejects
  // never loads, whatever the unchecked evaluation would give.
  if (original.disableCheck && test.error) return { kind: 'compile-error' };
  if (original.evalError !== undefined) return { kind: 'evaluation-error' };
  if (original.checkOnly) return { kind: 'compiles' };
  const result = original.value ?? original.typedResult?.result;
  return {
    kind: 'value',
    value: result ? fromSpecValue(result) : true,
  };
}

function typeText(type: SpecType): string {
  const [kind] = Object.keys(type);
  const content = type[kind] as SpecType & Record<string, any>;
  switch (kind) {
    case 'primitive':
      return (
        {
          INT64: 'int',
          UINT64: 'uint',
          DOUBLE: 'double',
          STRING: 'string',
          BOOL: 'bool',
          BYTES: 'bytes',
        } as Record<string, string>
      )[content as unknown as string];
    case 'wellKnown':
      return `google.protobuf.${
        content === ('TIMESTAMP' as unknown) ? 'Timestamp' : 'Duration'
      }`;
    case 'listType':
      return `list<${typeText(content.elemType)}>`;
    case 'mapType':
      return `map<${typeText(content.keyType)}, ${typeText(
        content.valueType,
      )}>`;
    case 'abstractType':
      return `optional<${typeText(content.parameterTypes[0])}>`;
    case 'null':
      return 'null';
    case 'type':
      return 'type';
    default:
      return 'dyn';
  }
}

/** The deduced type as the engine spells it (`list` for list<dyn>, `map` for map<dyn, dyn>). */
export function engineTypeName(type: SpecType): string {
  const text = typeText(type);
  if (text === 'list<dyn>') return 'list';
  if (text === 'map<dyn, dyn>') return 'map';
  return text;
}

function activationOf(test: SpecTest): Record<string, unknown> {
  const activation: Record<string, unknown> = {};
  for (const [name, binding] of Object.entries(test.original.bindings ?? {})) {
    if (binding.value) activation[name] = fromSpecValue(binding.value);
  }
  return activation;
}

function variablesOf(test: SpecTest): string[] {
  const names = new Set(Object.keys(test.original.bindings ?? {}));
  for (const entry of test.original.typeEnv ?? []) names.add(entry.name);
  return [...names];
}

function checkType(test: SpecTest, resultType: string): CaseResult {
  const deduced = test.original.typedResult?.deducedType;
  if (!deduced) return { status: 'pass' };
  const expected = engineTypeName(deduced);
  return expected === resultType
    ? { status: 'pass' }
    : { status: 'fail', detail: `type ${resultType}, expected ${expected}` };
}

function runChecked(test: SpecTest, expectation: Expectation): CaseResult {
  let program;
  try {
    program = compileCel(test.original.expr, { variables: variablesOf(test) });
  } catch (error) {
    if (expectation.kind === 'compile-error') return { status: 'pass' };
    const message =
      error instanceof CelCompileError ? error.message : String(error);
    return { status: 'fail', detail: `compile error: ${message}` };
  }
  if (expectation.kind === 'compile-error') {
    return { status: 'fail', detail: 'compiled; Kubernetes rejects it' };
  }
  if (expectation.kind === 'compiles') {
    return checkType(test, program.resultType);
  }
  const result = program.evaluate(activationOf(test));
  if (expectation.kind === 'evaluation-error') {
    return result.ok
      ? { status: 'fail', detail: `value ${showValue(result.value)}` }
      : { status: 'pass' };
  }
  if (!result.ok) {
    return { status: 'fail', detail: `evaluation error: ${result.error}` };
  }
  if (!sameValue(result.value, expectation.value)) {
    return {
      status: 'fail',
      detail: `value ${showValue(result.value)}, expected ${showValue(
        expectation.value,
      )}`,
    };
  }
  return checkType(test, program.resultType);
}

/** Runs one case; `override` replaces the expectation where Kubernetes departs from the spec. */
export function runSpecCase(
  test: SpecTest,
  override?: Expectation,
): CaseResult {
  const reason = outOfScope(test);
  if (reason) return { status: 'out-of-scope', reason };
  try {
    return runChecked(test, override ?? expectationOf(test));
  } catch (error) {
    if (error instanceof UnsupportedSpecValue) {
      return { status: 'out-of-scope', reason: PROTOBUF };
    }
    throw error;
  }
}
