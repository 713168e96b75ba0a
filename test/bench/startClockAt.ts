/**
 * Sets this process's clock to `at`, from where it keeps running. A benchmark that audits with the default pack calls
 * it first: the pack's rollout dates are fixed, so every run then evaluates the same stages, whatever the day.
 * Timers and `performance.now()` are untouched; dates made before and after are of the one class.
 */
export function startClockAt(at: Date): void {
  const RealDate = Date;
  const offset = at.getTime() - RealDate.now();
  const now = () => RealDate.now() + offset;
  function ShiftedDate(...args: unknown[]): Date | string {
    // `Date()` called without `new` gives the time as text.
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0
      ? new RealDate(now())
      : new (RealDate as any)(...args);
  }
  ShiftedDate.prototype = RealDate.prototype;
  Object.assign(ShiftedDate, {
    now,
    parse: RealDate.parse,
    UTC: RealDate.UTC,
  });
  globalThis.Date = ShiftedDate as unknown as DateConstructor;
}
