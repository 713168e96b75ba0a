import type {
  ApiCostBudget,
  ApiCostReport,
  ApiCostRow,
  ApiCostTrendPoint,
} from '@guardrails-dev/plugin-guardrails-common';

/** `GET /costs`. */
export type CostReport = ApiCostReport;
export type CostRow = ApiCostRow;
export type CostBudget = ApiCostBudget;
export type CostTrendPoint = ApiCostTrendPoint;

const amounts = new Map<string, Intl.NumberFormat>();

/**
 * `USD 1,234.50`: the currency's code always shown, so an estimate never reads as another currency. A code that
 * Intl does not know is shown after the amount as configured.
 */
export function formatMoney(value: number, currency: string): string {
  let format = amounts.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat('en', {
        style: 'currency',
        currency,
        currencyDisplay: 'code',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
    } catch {
      return `${value.toFixed(2)} ${currency}`;
    }
    amounts.set(currency, format);
  }
  // Intl puts a no-break space between the code and the amount: one line, as the tables want.
  return format.format(value);
}

const quantity = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** `1.5`, `12`: CPUs and GiB to two decimals at most. */
export function formatQuantity(value: number): string {
  return quantity.format(value);
}

/** A row's cost centre in words; namespaces without the label are summed under none. */
export function costCenterName(costCenter: string | null | undefined): string {
  return costCenter ?? 'No cost centre';
}
