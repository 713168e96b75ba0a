import {
  GUARDRAIL_CATEGORIES,
  GUARDRAIL_SEVERITIES,
  Guardrail,
  GuardrailMatch,
  GuardrailValidation,
  GuardrailVariable,
  ResourceMatch,
} from '@guardrails-dev/plugin-guardrails-common';
import { checkCel } from './checkCel';
import { FieldPath } from './fieldPath';
import { FieldReader, Mapping } from './fieldReader';
import { isValidVariableName, RESERVED_VARIABLE_PREFIX } from './names';
import { readLabelSelector } from './readLabelSelector';
import { ReadOptions } from './readOptions';
import { readParams } from './readParams';
import { readRollout } from './readRollout';

const SPEC_FIELDS = [
  'title',
  'category',
  'severity',
  'rationale',
  'remediation',
  'docsUrl',
  'owner',
  'match',
  'variables',
  'validations',
  'rollout',
  'params',
];

/** Reads the spec of a `Guardrail` document whose ID was already checked. */
export function readGuardrail(
  id: string,
  spec: Mapping,
  reader: FieldReader,
  options: ReadOptions,
): Guardrail | undefined {
  const path: FieldPath = ['spec'];
  reader.onlyKeys(spec, path, SPEC_FIELDS);
  const text = (key: string) =>
    reader.string(spec, key, path, { required: true });
  const title = text('title');
  const category = reader.oneOf(spec, 'category', path, GUARDRAIL_CATEGORIES, {
    required: true,
  });
  const severity = reader.oneOf(spec, 'severity', path, GUARDRAIL_SEVERITIES, {
    required: true,
  });
  const rationale = text('rationale');
  const remediation = text('remediation');
  const docsUrl = readDocsUrl(spec, reader);
  const owner = reader.string(spec, 'owner', path, { required: false });
  const match = reader.present(spec, 'match', path, true)
    ? readMatch(spec.match, [...path, 'match'], reader)
    : undefined;
  const variables = readVariables(spec, reader, options);
  const validations = readValidations(spec, reader, options);
  const rollout = reader.present(spec, 'rollout', path, true)
    ? readRollout(
        spec.rollout,
        [...path, 'rollout'],
        reader,
        options.environments,
      )
    : undefined;
  const params =
    spec.params === undefined
      ? undefined
      : readParams(spec.params, [...path, 'params'], reader);

  if (
    !title ||
    !category ||
    !severity ||
    !rationale ||
    !remediation ||
    !match ||
    !variables ||
    !validations ||
    !rollout ||
    (spec.params !== undefined && !params) ||
    (spec.docsUrl !== undefined && !docsUrl) ||
    (spec.owner !== undefined && !owner)
  ) {
    return undefined;
  }
  const guardrail: Guardrail = {
    id,
    title,
    category,
    severity,
    rationale,
    remediation,
    match,
    variables,
    validations,
    rollout,
  };
  if (docsUrl) guardrail.docsUrl = docsUrl;
  if (owner) guardrail.owner = owner;
  if (params) guardrail.params = params;
  return guardrail;
}

function readDocsUrl(spec: Mapping, reader: FieldReader): string | undefined {
  const url = reader.string(spec, 'docsUrl', ['spec'], { required: false });
  if (url === undefined) {
    return undefined;
  }
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') {
      return url;
    }
  } catch {
    // reported below
  }
  reader.report(['spec', 'docsUrl'], `"${url}" is not an http(s) URL`);
  return undefined;
}

function readMatch(
  value: unknown,
  path: FieldPath,
  reader: FieldReader,
): GuardrailMatch | undefined {
  const mapping = reader.mapping(value, path);
  if (!mapping) {
    return undefined;
  }
  reader.onlyKeys(mapping, path, [
    'resources',
    'namespaceSelector',
    'objectSelector',
  ]);
  const items = reader.list(mapping, 'resources', path, {
    required: true,
    nonEmpty: true,
  });
  let ok = items !== undefined;
  const resources: ResourceMatch[] = [];
  items?.forEach((item, index) => {
    const itemPath = [...path, 'resources', index];
    const resource = reader.mapping(item, itemPath);
    if (!resource) {
      ok = false;
      return;
    }
    reader.onlyKeys(resource, itemPath, ['apiGroups', 'kinds']);
    const apiGroups = reader.stringList(resource, 'apiGroups', itemPath, {
      required: true,
      nonEmpty: true,
      allowEmptyItems: true, // "" is the core API group
    });
    const kinds = reader.stringList(resource, 'kinds', itemPath, {
      required: true,
      nonEmpty: true,
    });
    if (apiGroups && kinds) {
      resources.push({ apiGroups, kinds });
    } else {
      ok = false;
    }
  });
  const match: GuardrailMatch = { resources };
  for (const key of ['namespaceSelector', 'objectSelector'] as const) {
    if (mapping[key] !== undefined) {
      const selector = readLabelSelector(mapping[key], [...path, key], reader);
      if (selector) {
        match[key] = selector;
      } else {
        ok = false;
      }
    }
  }
  return ok ? match : undefined;
}

function readVariables(
  spec: Mapping,
  reader: FieldReader,
  options: ReadOptions,
): GuardrailVariable[] | undefined {
  const items = reader.list(spec, 'variables', ['spec'], { required: false });
  if (spec.variables !== undefined && spec.variables !== null && !items) {
    return undefined;
  }
  const variables: GuardrailVariable[] = [];
  let ok = true;
  (items ?? []).forEach((item, index) => {
    const path = ['spec', 'variables', index];
    const variable = reader.mapping(item, path);
    if (!variable) {
      ok = false;
      return;
    }
    reader.onlyKeys(variable, path, ['name', 'expression']);
    const name = reader.string(variable, 'name', path, { required: true });
    const expression = reader.string(variable, 'expression', path, {
      required: true,
    });
    if (name !== undefined) {
      if (!isValidVariableName(name)) {
        reader.report([...path, 'name'], `"${name}" is not a CEL identifier`);
        ok = false;
      } else if (name.startsWith(RESERVED_VARIABLE_PREFIX)) {
        reader.report(
          [...path, 'name'],
          `names starting with "${RESERVED_VARIABLE_PREFIX}" are reserved`,
        );
        ok = false;
      } else if (variables.some(v => v.name === name)) {
        reader.report([...path, 'name'], `variable "${name}" is defined twice`);
        ok = false;
      }
    }
    if (expression !== undefined) {
      ok =
        checkCel(
          expression,
          [...path, 'expression'],
          reader,
          options.celLimits,
        ) && ok;
    }
    if (name === undefined || expression === undefined) {
      ok = false;
      return;
    }
    variables.push({ name, expression });
  });
  return ok ? variables : undefined;
}

function readValidations(
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
  let ok = true;
  items.forEach((item, index) => {
    const path = ['spec', 'validations', index];
    const validation = reader.mapping(item, path);
    if (!validation) {
      ok = false;
      return;
    }
    reader.onlyKeys(validation, path, [
      'expression',
      'message',
      'messageExpression',
    ]);
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
    if (expression !== undefined) {
      ok =
        checkCel(
          expression,
          [...path, 'expression'],
          reader,
          options.celLimits,
        ) && ok;
    }
    if (messageExpression !== undefined) {
      ok =
        checkCel(
          messageExpression,
          [...path, 'messageExpression'],
          reader,
          options.celLimits,
        ) && ok;
    }
    if (
      expression === undefined ||
      (validation.message !== undefined && message === undefined) ||
      (validation.messageExpression !== undefined &&
        messageExpression === undefined)
    ) {
      ok = false;
      return;
    }
    const parsed: GuardrailValidation = { expression };
    if (message !== undefined) parsed.message = message;
    if (messageExpression !== undefined)
      parsed.messageExpression = messageExpression;
    validations.push(parsed);
  });
  return ok ? validations : undefined;
}
