import { badRequest } from '../api/status';
import { labelValueProblems, qualifiedKeyProblems } from '../store/names';
import { isPlainObject } from '../store/objects';

type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!exists';

/** One requirement of a label selector. */
export interface LabelRequirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A parsed selector: every requirement must hold. Empty matches everything. */
export type LabelSelector = LabelRequirement[];

/** Splits on commas outside parentheses: `a in (x,y),b` → [`a in (x,y)`, `b`]. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms.map(t => t.trim());
}

function checked(req: LabelRequirement, term: string): LabelRequirement {
  const problems = [
    ...qualifiedKeyProblems(req.key).map(
      p => `key: Invalid value: "${req.key}": ${p}`,
    ),
    ...req.values.flatMap(v =>
      labelValueProblems(v).map(p => `values[0]: Invalid value: "${v}": ${p}`),
    ),
  ];
  if (problems.length > 0) {
    throw badRequest(
      `unable to parse requirement: ${JSON.stringify(term)}: ${problems.join(
        '; ',
      )}`,
    );
  }
  return req;
}

/**
 * Parses the `labelSelector` query parameter: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`,
 * `!k`, joined by commas. Throws a 400 BadRequest naming the bad term.
 */
export function parseLabelSelector(
  text: string | null | undefined,
): LabelSelector {
  if (!text || text.trim() === '') return [];
  return splitTerms(text).map(term => {
    if (term === '')
      throw badRequest(
        `unable to parse requirement: empty term in ${JSON.stringify(text)}`,
      );
    const set = /^([^\s!=()]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(term);
    if (set) {
      const values = set[3].split(',').map(v => v.trim());
      if (set[3].trim() === '') {
        throw badRequest(
          `unable to parse requirement: ${JSON.stringify(
            term,
          )}: for 'in', 'notin' operators, values set can't be empty`,
        );
      }
      return checked(
        { key: set[1], operator: set[2] as Operator, values },
        term,
      );
    }
    const eq = /^([^\s!=()]+)\s*(==|!=|=)\s*([^\s!=(),]*)$/.exec(term);
    if (eq) {
      const operator: Operator = eq[2] === '!=' ? '!=' : '=';
      return checked({ key: eq[1], operator, values: [eq[3]] }, term);
    }
    const notExists = /^!\s*([^\s!=()]+)$/.exec(term);
    if (notExists)
      return checked(
        { key: notExists[1], operator: '!exists', values: [] },
        term,
      );
    if (/^[^\s!=()]+$/.test(term))
      return checked({ key: term, operator: 'exists', values: [] }, term);
    throw badRequest(
      `unable to parse requirement: ${JSON.stringify(
        term,
      )} is not a valid label selector term`,
    );
  });
}

/**
 * Converts a `metav1.LabelSelector` object (matchLabels, matchExpressions) into requirements; returns
 * problems instead when the object is malformed.
 */
export function selectorFromObject(value: unknown): {
  selector?: LabelSelector;
  problems: string[];
} {
  if (!isPlainObject(value)) return { problems: ['must be an object'] };
  const selector: LabelSelector = [];
  const problems: string[] = [];
  const { matchLabels, matchExpressions } = value;
  if (matchLabels !== undefined) {
    if (!isPlainObject(matchLabels))
      problems.push('matchLabels must be a map of strings');
    else {
      for (const [key, v] of Object.entries(matchLabels)) {
        if (typeof v !== 'string')
          problems.push(`matchLabels.${key} must be a string`);
        else selector.push({ key, operator: '=', values: [v] });
      }
    }
  }
  if (matchExpressions !== undefined) {
    if (!Array.isArray(matchExpressions))
      problems.push('matchExpressions must be a list');
    else {
      matchExpressions.forEach((e, i) => {
        const ops: Record<string, Operator> = {
          In: 'in',
          NotIn: 'notin',
          Exists: 'exists',
          DoesNotExist: '!exists',
        };
        if (
          !isPlainObject(e) ||
          typeof e.key !== 'string' ||
          typeof e.operator !== 'string' ||
          !ops[e.operator]
        ) {
          problems.push(
            `matchExpressions[${i}] must have a key and an operator among In, NotIn, Exists, DoesNotExist`,
          );
          return;
        }
        const values = Array.isArray(e.values) ? e.values.map(String) : [];
        selector.push({ key: e.key, operator: ops[e.operator], values });
      });
    }
  }
  return problems.length > 0 ? { problems } : { selector, problems };
}

/** Whether labels satisfy every requirement. */
export function matchesLabels(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  const own = labels ?? {};
  return selector.every(req => {
    const has = Object.prototype.hasOwnProperty.call(own, req.key);
    const value = own[req.key];
    switch (req.operator) {
      case '=':
        return has && value === req.values[0];
      case '!=':
        return !has || value !== req.values[0];
      case 'in':
        return has && req.values.includes(value);
      case 'notin':
        return !has || !req.values.includes(value);
      case 'exists':
        return has;
      case '!exists':
        return !has;
      default:
        throw new Error(`unknown operator ${req.operator satisfies never}`);
    }
  });
}
