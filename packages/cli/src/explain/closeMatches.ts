import { editDistance } from '@guardrails-dev/plugin-guardrails-engine';

/**
 * Candidates that look like what was meant, closest first: a small edit
 * away, containing or contained in the query, or ending with it (an ID
 * typed without its prefix).
 */
export function closeMatches(
  query: string,
  candidates: readonly string[],
  limit = 5,
): string[] {
  const wanted = query.toLowerCase();
  return candidates
    .map(candidate => {
      const lower = candidate.toLowerCase();
      const distance = editDistance(wanted, lower);
      const related =
        lower.includes(wanted) ||
        wanted.includes(lower) ||
        lower.endsWith(`.${wanted}`);
      const near = distance <= Math.max(2, Math.floor(lower.length / 4));
      return {
        candidate,
        distance,
        keep: wanted.length > 0 && (related || near),
      };
    })
    .filter(entry => entry.keep)
    .sort(
      (a, b) =>
        a.distance - b.distance || a.candidate.localeCompare(b.candidate),
    )
    .slice(0, limit)
    .map(entry => entry.candidate);
}
