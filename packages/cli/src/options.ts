import {
  parseInstant,
  parseKubernetesVersion,
} from '@guardrails-dev/plugin-guardrails-engine';
import { CliError } from './CliError';

/** Collects a repeatable option (`--pack a --pack b`) into a list, in order. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The instant of `--at`, or now. Accepts `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time with a zone. */
export function parseAt(value: string | undefined, now: Date): Date {
  if (value === undefined) {
    return now;
  }
  const at = parseInstant(value);
  if (!at) {
    throw new CliError(
      `--at "${value}" is not a date: use YYYY-MM-DD (midnight UTC) or an ISO 8601 date-time with a zone, e.g. 2027-02-01T09:00:00Z`,
    );
  }
  return at;
}

/** A positive whole number of days for `--max-exemption-days`. */
export function parseDays(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const days = Number(value);
  if (!/^\d+$/.test(value) || !(days > 0)) {
    throw new CliError(
      `--max-exemption-days "${value}" is not a positive whole number`,
    );
  }
  return days;
}

/** The release of `--kubernetes-version`, as given, once checked to be one (`1.30`, `v1.30.2`). */
export function parseKubernetesRelease(
  value: string | undefined,
): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  try {
    parseKubernetesVersion(value);
  } catch {
    throw new CliError(
      `--kubernetes-version "${value}" is not a Kubernetes release: use MAJOR.MINOR, e.g. 1.30`,
    );
  }
  return value;
}

/** `2027-02-01` for a midnight-UTC instant, `2026-11-22T11:36:33Z` otherwise (milliseconds only when set). */
export function formatInstant(instant: Date): string {
  const iso = instant.toISOString();
  return iso.endsWith('T00:00:00.000Z')
    ? iso.slice(0, 10)
    : iso.replace(/\.000Z$/, 'Z');
}
