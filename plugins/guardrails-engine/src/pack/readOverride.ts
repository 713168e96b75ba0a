import { GuardrailOverride } from '@guardrails-dev/plugin-guardrails-common';
import { FieldPath } from './fieldPath';
import { FieldReader, Mapping } from './fieldReader';
import { ReadOptions } from './readOptions';
import { readParams } from './readParams';
import { readRollout } from './readRollout';

/** Reads the spec of a `GuardrailOverride` document (`metadata.name` is the guardrail ID). */
export function readOverride(
  guardrail: string,
  spec: Mapping,
  reader: FieldReader,
  options: ReadOptions,
): GuardrailOverride | undefined {
  const path: FieldPath = ['spec'];
  reader.onlyKeys(spec, path, ['params', 'rollout']);
  if (spec.params === undefined && spec.rollout === undefined) {
    reader.report(path, 'must set params, rollout or both');
    return undefined;
  }
  const override: GuardrailOverride = { guardrail };
  let ok = true;
  if (spec.params !== undefined) {
    const params = readParams(spec.params, [...path, 'params'], reader);
    if (params) override.params = params;
    else ok = false;
  }
  if (spec.rollout !== undefined) {
    const rollout = readRollout(
      spec.rollout,
      [...path, 'rollout'],
      reader,
      options.environments,
    );
    if (rollout) override.rollout = rollout;
    else ok = false;
  }
  return ok ? override : undefined;
}
