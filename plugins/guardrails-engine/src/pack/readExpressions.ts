import {
  GuardrailValidation,
  GuardrailVariable,
} from '@guardrails-dev/plugin-guardrails-common';
import { checkCel } from './checkCel';
import { FieldPath } from './fieldPath';
import { FieldReader, Mapping } from './fieldReader';
import { isValidVariableName, RESERVED_VARIABLE_PREFIX } from './names';
import { ReadOptions } from './readOptions';

/** Whether an expression, when given, compiles; a problem is reported at `path`. */
function compiles(
  expression: string | undefined,
  path: FieldPath,
  reader: FieldReader,
  options: ReadOptions,
): boolean {
  return (
    expression === undefined ||
    checkCel(expression, path, reader, options.celLimits)
  );
}

/** Reports a variable name CEL cannot use, that is reserved or defined before. */
function checkVariableName(
  name: string,
  path: FieldPath,
  earlier: ReadonlyArray<GuardrailVariable>,
  reader: FieldReader,
): boolean {
  if (!isValidVariableName(name)) {
    reader.report(path, `"${name}" is not a CEL identifier`);
    return false;
  }
  if (name.startsWith(RESERVED_VARIABLE_PREFIX)) {
    reader.report(
      path,
      `names starting with "${RESERVED_VARIABLE_PREFIX}" are reserved`,
    );
    return false;
  }
  if (earlier.some(v => v.name === name)) {
    reader.report(path, `variable "${name}" is defined twice`);
    return false;
  }
  return true;
}

/** Reads `spec.variables`: named CEL expressions, each compiled to check it. */
export function readVariables(
  spec: Mapping,
  reader: FieldReader,
  options: ReadOptions,
): GuardrailVariable[] | undefined {
  const items = reader.list(spec, 'variables', ['spec'], { required: false });
  if (spec.variables !== undefined && spec.variables !== null && !items) {
    return undefined;
  }
  const variables: GuardrailVariable[] = [];
  const readVariable = (variable: Mapping, path: FieldPath) => {
    const name = reader.string(variable, 'name', path, { required: true });
    const expression = reader.string(variable, 'expression', path, {
      required: true,
    });
    const nameOk =
      name !== undefined &&
      checkVariableName(name, [...path, 'name'], variables, reader);
    const expressionOk = compiles(
      expression,
      [...path, 'expression'],
      reader,
      options,
    );
    if (name === undefined || expression === undefined) {
      return false;
    }
    variables.push({ name, expression });
    return nameOk && expressionOk;
  };
  const ok = reader.eachMapping(
    items ?? [],
    ['spec', 'variables'],
    ['name', 'expression'],
    readVariable,
  );
  return ok ? variables : undefined;
}

/** Reads `spec.validations`: each a CEL expression with its message or message expression. */
export function readValidations(
  spec: Mapping,
  reader: FieldReader,
  options: ReadOptions,
): GuardrailValidation[] | undefined {
  const items = reader.list(spec, 'validations', ['spec'], {
    required: true,
    nonEmpty: true,
  });
  if (!items) {
    return undefined;
  }
  const validations: GuardrailValidation[] = [];
  const readValidation = (validation: Mapping, path: FieldPath) => {
    const expression = reader.string(validation, 'expression', path, {
      required: true,
    });
    const message = reader.string(validation, 'message', path, {
      required: false,
    });
    const messageExpression = reader.string(
      validation,
      'messageExpression',
      path,
      {
        required: false,
      },
    );
    const expressionOk = compiles(
      expression,
      [...path, 'expression'],
      reader,
      options,
    );
    const messageOk = compiles(
      messageExpression,
      [...path, 'messageExpression'],
      reader,
      options,
    );
    if (
      expression === undefined ||
      (validation.message !== undefined && message === undefined) ||
      (validation.messageExpression !== undefined &&
        messageExpression === undefined)
    ) {
      return false;
    }
    const parsed: GuardrailValidation = { expression };
    if (message !== undefined) parsed.message = message;
    if (messageExpression !== undefined)
      parsed.messageExpression = messageExpression;
    validations.push(parsed);
    return expressionOk && messageOk;
  };
  const ok = reader.eachMapping(
    items,
    ['spec', 'validations'],
    ['expression', 'message', 'messageExpression'],
    readValidation,
  );
  return ok ? validations : undefined;
}
