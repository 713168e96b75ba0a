import { costBudgets, costRows } from '../service/costsEstimate';
import type { Notice, NoticeInput } from './Notice';
import { noticeScope } from './noticeText';

/**
 * To the platform team (`guardrails.costs.recipients`): a cost centre whose estimated monthly cost (what its
 * namespaces' quotas reserve, at the environments' prices) is over its budget, once per month and cost centre.
 */
export function costBudgetNotices(input: NoticeInput): Notice[] {
  const { now, config, usage } = input;
  if (!config.costBudget.enabled || !usage) return [];
  const { costs } = usage;
  if (costs.recipients.length === 0) return [];
  const month = now.toISOString().slice(0, 7);
  const nextMonth = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1),
  );
  const amount = (value: number) => `${value.toFixed(2)} ${costs.currency}`;
  return costBudgets(costRows(usage.current, costs.prices), costs.budgets)
    .filter(budget => budget.over)
    .map(budget => {
      const key = ['cost-budget', budget.costCenter, month].join('|');
      return {
        records: [{ key, kind: 'cost-budget', dueUntil: nextMonth }],
        recipients: costs.recipients,
        payload: () => ({
          title: `Cost centre ${budget.costCenter} is over its budget: ${amount(
            budget.estimate,
          )} of ${amount(budget.monthly)} a month`,
          description: [
            `The quotas of cost centre ${
              budget.costCenter
            }'s namespaces reserve an estimated ${amount(
              budget.estimate,
            )} a month at the configured prices, over its monthly budget of ${amount(
              budget.monthly,
            )}.`,
            ...(budget.unpriced.length > 0
              ? [
                  `Not counted, for want of a price: ${budget.unpriced.join(
                    ', ',
                  )}.`,
                ]
              : []),
          ].join('\n\n'),
          link: `${config.portalBaseUrl}/guardrails/budgets`,
          severity: 'normal',
          topic: 'guardrails:costs',
          scope: noticeScope([key]),
          metadata: {
            kind: 'cost-budget',
            costCenter: budget.costCenter,
            month,
            estimate: budget.estimate,
            monthly: budget.monthly,
            currency: costs.currency,
          },
        }),
      };
    });
}
