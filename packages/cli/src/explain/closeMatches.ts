/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

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
