import { ApiError, injectedFault } from '../api/status';
import { SimulatorFaults } from '../types';

interface StatusRule {
  status: number;
  remaining?: number;
  method?: string;
  pathIncludes?: string;
}

/** Checks a faults value, throwing an error that names the bad field. */
function checkDuration(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) {
    throw new Error(
      `faults.${name} must be a non-negative number, got ${JSON.stringify(
        value,
      )}`,
    );
  }
}

function validate(faults: SimulatorFaults): void {
  const { errorRate, statusCodes } = faults;
  checkDuration('latencyMs', faults.latencyMs);
  checkDuration('dropWatchesAfterMs', faults.dropWatchesAfterMs);
  if (
    errorRate !== undefined &&
    (typeof errorRate !== 'number' || !(errorRate >= 0 && errorRate <= 1))
  ) {
    throw new Error(
      `faults.errorRate must be a number between 0 and 1, got ${JSON.stringify(
        errorRate,
      )}`,
    );
  }
  if (statusCodes !== undefined && !Array.isArray(statusCodes))
    throw new Error('faults.statusCodes must be a list');
  (statusCodes ?? []).forEach((rule, i) => {
    if (
      !Number.isInteger(rule?.status) ||
      rule.status < 400 ||
      rule.status > 599
    ) {
      throw new Error(
        `faults.statusCodes[${i}].status must be an HTTP error status (400-599), got ${JSON.stringify(
          rule?.status,
        )}`,
      );
    }
    if (
      rule.count !== undefined &&
      (!Number.isInteger(rule.count) || rule.count < 0)
    ) {
      throw new Error(
        `faults.statusCodes[${i}].count must be a non-negative integer`,
      );
    }
  });
}

/** The faults in force; status rules with a count are used up as they answer. */
export class FaultInjector {
  private latencyMs = 0;
  private errorRate = 0;
  private rules: StatusRule[] = [];
  /** Watches opened now break this many ms later; undefined: they do not. */
  dropWatchesAfterMs: number | undefined;

  set(faults: SimulatorFaults | undefined): void {
    if (faults !== undefined) validate(faults);
    this.latencyMs = faults?.latencyMs ?? 0;
    this.dropWatchesAfterMs = faults?.dropWatchesAfterMs;
    this.errorRate = faults?.errorRate ?? 0;
    this.rules = (faults?.statusCodes ?? []).map(r => ({
      status: r.status,
      remaining: r.count,
      method: r.method?.toUpperCase(),
      pathIncludes: r.pathIncludes,
    }));
  }

  async delay(): Promise<void> {
    if (this.latencyMs > 0)
      await new Promise(resolve => setTimeout(resolve, this.latencyMs));
  }

  /** The error to answer with instead of serving, if a fault applies. `target` is the path with its query. */
  pick(method: string, target: string): ApiError | undefined {
    for (const rule of this.rules) {
      if (rule.remaining === 0) continue;
      if (rule.method && rule.method !== method.toUpperCase()) continue;
      if (rule.pathIncludes && !target.includes(rule.pathIncludes)) continue;
      if (rule.remaining !== undefined) rule.remaining -= 1;
      return injectedFault(rule.status);
    }
    if (this.errorRate > 0 && Math.random() < this.errorRate)
      return injectedFault(500);
    return undefined;
  }
}
