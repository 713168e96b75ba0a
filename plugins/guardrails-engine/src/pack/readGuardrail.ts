import {
  GUARDRAIL_CATEGORIES,
  GUARDRAIL_SEVERITIES,
  Guardrail,
} from '@guardrails-dev/plugin-guardrails-common';
import { checkDeletionGuardrail } from './checkDeletionGuardrail';
import { FieldPath } from './fieldPath';
import { FieldReader, Mapping } from './fieldReader';
import { readValidations, readVariables } from './readExpressions';
import { readMatch } from './readMatch';
import { ReadOptions } from './readOptions';
import { readParams } from './readParams';
import { readRemediationExample } from './readRemediationExample';
import { readRollout } from './readRollout';

const SPEC_FIELDS = [
  'title',
  'category',
  'severity',
  'rationale',
  'remediation',
  'remediationExample',
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
  const remediationExample = readRemediationExample(spec, reader);
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
    (spec.remediationExample !== undefined && !remediationExample) ||
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
  if (remediationExample) guardrail.remediationExample = remediationExample;
  if (docsUrl) guardrail.docsUrl = docsUrl;
  if (owner) guardrail.owner = owner;
  if (params) guardrail.params = params;
  return checkDeletionGuardrail(guardrail, reader) ? guardrail : undefined;
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
