/** Numbers as the benchmarks print them: grouped thousands, a fixed number of decimals. */
export function format(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : String(n);
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Bytes in MiB (or KiB when under one MiB), with the unit. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${format(bytes / (1024 * 1024), 1)} MiB`
    : `${format(bytes / 1024, 1)} KiB`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The nearest-rank percentile: the smallest value at least `p` % of the values are at or below. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.max(
      0,
      Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1),
    )
  ];
}

/**
 * The JS heap in use once garbage is collected (the process runs with `--expose-gc`, as `run.sh` starts it):
 * collected twice, so that objects freed by finalizers of the first collection are gone too.
 */
export function heapUsedAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    throw new Error('run with node --expose-gc to weigh the heap');
  }
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
