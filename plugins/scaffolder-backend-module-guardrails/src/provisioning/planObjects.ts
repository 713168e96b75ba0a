/**
 * Whether applying `desired` with server-side apply would leave `live` as it is: every field
 * `desired` sets already has that value in `live`. Fields only `live` has (server defaults, other
 * managers' fields) do not count; lists must match item by item.
 */
export function appliesWithoutChange(desired: unknown, live: unknown): boolean {
  if (Array.isArray(desired)) {
    return (
      Array.isArray(live) &&
      live.length === desired.length &&
      desired.every((item, index) => appliesWithoutChange(item, live[index]))
    );
  }
  if (desired !== null && typeof desired === 'object') {
    if (live === null || typeof live !== 'object' || Array.isArray(live)) {
      return false;
    }
    const liveFields = live as Record<string, unknown>;
    return Object.entries(desired as Record<string, unknown>).every(
      ([key, value]) =>
        value === undefined || appliesWithoutChange(value, liveFields[key]),
    );
  }
  return desired === live;
}
