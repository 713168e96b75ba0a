import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import type { LabelSelector, LabelSelectorRequirement } from './types';

const KEY = String.raw`[^\s=!(),]+`;
const IN_TERM = new RegExp(String.raw`^(${KEY})\s+(in|notin)\s+\(([^()]*)\)$`);
const EQUALITY_TERM = new RegExp(
  String.raw`^(${KEY})\s*(==|=|!=)\s*([^\s=!(),]*)$`,
);
const NOT_EXISTS_TERM = new RegExp(String.raw`^!\s*(${KEY})$`);
const EXISTS_TERM = new RegExp(String.raw`^(${KEY})$`);
const { isValidLabelKey, isValidLabelValue } = KubernetesValidatorFunctions;

/**
 * Parses a label selector in Kubernetes' string form (`app=api,tier in (web, api),env!=dev,!legacy`), as written in
 * the `backstage.io/kubernetes-label-selector` annotation, into a structured selector. Undefined when malformed.
 * @public
 */
export function parseLabelSelectorString(
  selector: string,
): LabelSelector | undefined {
  const terms = splitTerms(selector);
  if (!terms || terms.length === 0) return undefined;
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const raw of terms) {
    const term = raw.trim();
    const set = IN_TERM.exec(term);
    const equality = set ? undefined : EQUALITY_TERM.exec(term);
    const notExists = set || equality ? undefined : NOT_EXISTS_TERM.exec(term);
    const exists =
      set || equality || notExists ? undefined : EXISTS_TERM.exec(term);
    const key = (set ?? equality ?? notExists ?? exists)?.[1];
    if (!key || !isValidLabelKey(key)) return undefined;
    if (set) {
      const values = set[3]
        .split(',')
        .map(v => v.trim())
        .filter(Boolean);
      // As the API server, refuse a value no label can have rather than match nothing.
      if (!values.every(isValidLabelValue)) return undefined;
      matchExpressions.push({
        key,
        operator: set[2] === 'in' ? 'In' : 'NotIn',
        values,
      });
    } else if (equality) {
      if (!isValidLabelValue(equality[3])) return undefined;
      if (equality[2] === '!=') {
        matchExpressions.push({
          key,
          operator: 'NotIn',
          values: [equality[3]],
        });
      } else {
        matchLabels[key] = equality[3];
      }
    } else {
      matchExpressions.push({
        key,
        operator: notExists ? 'DoesNotExist' : 'Exists',
      });
    }
  }
  return {
    ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
    ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}

// Commas inside `in (...)` belong to the term, not between terms.
function splitTerms(selector: string): string[] | undefined {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0 || depth > 1) return undefined;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) return undefined;
  terms.push(current);
  return terms.some(t => t.trim() === '') ? undefined : terms;
}
