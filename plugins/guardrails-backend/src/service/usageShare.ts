/**
 * used / hard of one quota resource: 0..n, above 1 when over. Unknown (null) when either is not a number or the
 * quota reserves nothing but something is used; a quota of 0 with nothing used is 0, not unknown.
 */
export function usageShare(
  hardValue: number | undefined,
  usedValue: number | undefined,
): number | null {
  if (hardValue === undefined || usedValue === undefined) return null;
  if (hardValue <= 0) return usedValue === 0 ? 0 : null;
  return usedValue / hardValue;
}
