/** Splits items into runs of neighbours, so that a line breaks at a gap instead of bridging it. */
export function splitRuns<T>(
  items: T[],
  adjacent: (previous: T, next: T) => boolean,
): T[][] {
  const runs: T[][] = [];
  items.forEach((item, i) => {
    if (i > 0 && adjacent(items[i - 1], item)) {
      runs[runs.length - 1].push(item);
    } else {
      runs.push([item]);
    }
  });
  return runs;
}
