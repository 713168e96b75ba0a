import { Config } from '@backstage/config';
import { normalizeEntityRef } from '@guardrails-dev/plugin-guardrails-common';

const KEY = 'guardrails.costs';

/** Monthly prices of one environment. */
export interface EnvironmentPrice {
  /** Per CPU per month. */
  cpu: number;
  /** Per GiB of memory per month. */
  memoryGiB: number;
}

/** `guardrails.costs`, read in one place with its defaults. */
export interface CostsConfig {
  currency: string;
  /** By environment name. */
  prices: Map<string, EnvironmentPrice>;
  /** Monthly budget by cost centre. */
  budgets: Map<string, number>;
  /** Entity refs told of budgets exceeded. */
  recipients: string[];
}

/**
 * Reads `guardrails.costs`; a wrong value stops the startup with its key named. Prices of an environment that is not
 * configured are refused, so a misspelt name does not leave an environment silently unpriced.
 */
export function readCostsConfig(
  config: Config,
  environments: readonly string[],
): CostsConfig {
  const root = config.getOptionalConfig(KEY);
  const currency = readString(root, 'currency') ?? 'USD';
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new Error(
      `${KEY}.currency must be an ISO 4217 code such as USD or EUR, got "${currency}"`,
    );
  }
  const prices = new Map<string, EnvironmentPrice>();
  const priceConfig = root?.getOptionalConfig('prices');
  for (const environment of priceConfig?.keys() ?? []) {
    const key = `${KEY}.prices.${environment}`;
    if (!environments.includes(environment)) {
      throw new Error(
        `${key} prices an environment that is not configured (guardrails.environments has ${
          environments.join(', ') || 'none'
        })`,
      );
    }
    const price = priceConfig!.getOptional(environment);
    if (!price || typeof price !== 'object' || Array.isArray(price)) {
      throw new Error(`${key} must be an object with cpu and memoryGiB`);
    }
    const { cpu, memoryGiB } = price as Record<string, unknown>;
    prices.set(environment, {
      cpu: amount(cpu, `${key}.cpu`, 'non-negative'),
      memoryGiB: amount(memoryGiB, `${key}.memoryGiB`, 'non-negative'),
    });
  }
  const budgets = new Map<string, number>();
  const budgetConfig = root?.getOptionalConfig('budgets');
  for (const costCenter of budgetConfig?.keys() ?? []) {
    budgets.set(
      costCenter,
      amount(
        budgetConfig!.getOptional(costCenter),
        `${KEY}.budgets.${costCenter}`,
        'positive',
      ),
    );
  }
  return { currency, prices, budgets, recipients: readRecipients(root) };
}

function readString(root: Config | undefined, key: string) {
  const value = root?.getOptional(key);
  if (value !== undefined && typeof value !== 'string') {
    throw new Error(`${KEY}.${key} must be a string`);
  }
  return value;
}

function amount(
  value: unknown,
  key: string,
  kind: 'positive' | 'non-negative',
): number {
  const number = typeof value === 'string' ? Number(value) : value;
  const ok =
    typeof number === 'number' &&
    Number.isFinite(number) &&
    (kind === 'positive' ? number > 0 : number >= 0) &&
    !(typeof value === 'string' && value.trim() === '');
  if (!ok) {
    throw new Error(
      `${key} must be a ${kind} number (per month), got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return number as number;
}

function readRecipients(root: Config | undefined): string[] {
  const key = `${KEY}.recipients`;
  const value = root?.getOptional('recipients') ?? [];
  if (!Array.isArray(value)) {
    throw new Error(`${key} must be a list of entity refs`);
  }
  return value.map((ref, index) => {
    const normalized =
      typeof ref === 'string' ? normalizeEntityRef(ref) : undefined;
    if (!normalized) {
      throw new Error(
        `${key}[${index}] must be an entity ref such as group:default/platform, got ${JSON.stringify(
          ref,
        )}`,
      );
    }
    return normalized;
  });
}
