/** Tests a set of labels against a parsed selector. */
export type LabelSelectorTest = (labels: Record<string, string>) => boolean;

/**
 * Parses a Kubernetes label selector string (`a=b,c!=d,e in (f,g),h notin (i),j,!k`), as used in the
 * `backstage.io/kubernetes-label-selector` annotation. Undefined when malformed.
 */
export function parseLabelSelector(selector: string): LabelSelectorTest | undefined {
  const terms = splitTerms(selector);
  if (!terms || terms.length === 0) return undefined;
  const tests: LabelSelectorTest[] = [];
  for (const raw of terms) {
    const term = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([^\s=!(),]+)\s+(in|notin)\s+\(([^()]*)\)$/.exec(term))) {
      const [, key, op, list] = m;
      const values = new Set(list.split(',').map(v => v.trim()).filter(Boolean));
      tests.push(op === 'in' ? l => key in l && values.has(l[key]) : l => !(key in l) || !values.has(l[key]));
    } else if ((m = /^([^\s=!(),]+)\s*(==|=|!=)\s*([^\s=!(),]*)$/.exec(term))) {
      const [, key, op, value] = m;
      tests.push(op === '!=' ? l => l[key] !== value : l => l[key] === value);
    } else if ((m = /^!\s*([^\s=!(),]+)$/.exec(term))) {
      const key = m[1];
      tests.push(l => !(key in l));
    } else if ((m = /^([^\s=!(),]+)$/.exec(term))) {
      const key = m[1];
      tests.push(l => key in l);
    } else {
      return undefined;
    }
  }
  return labels => tests.every(t => t(labels));
}

function splitTerms(selector: string): string[] | undefined {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) return undefined;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) return undefined;
  terms.push(current);
  return terms.filter(t => t.trim() !== '');
}
