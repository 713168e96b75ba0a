import { labelSelectorMatches } from './evaluation/matching';
import { parseLabelSelectorString } from './labelSelectorString';

describe('parseLabelSelectorString', () => {
  it('parses equality, set-based and existence terms', () => {
    expect(
      parseLabelSelectorString('app.kubernetes.io/name=payments,tier in (api, worker),env!=dev,!legacy,team'),
    ).toEqual({
      matchLabels: { 'app.kubernetes.io/name': 'payments' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['api', 'worker'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'team', operator: 'Exists' },
      ],
    });
  });

  it('matches labels the way Kubernetes does', () => {
    const selector = parseLabelSelectorString('app==api,tier notin (batch)')!;
    expect(labelSelectorMatches(selector, { app: 'api' })).toBe(true);
    expect(labelSelectorMatches(selector, { app: 'api', tier: 'batch' })).toBe(false);
    expect(labelSelectorMatches(selector, { app: 'web' })).toBe(false);
  });

  it.each(['', 'app in (a, b', 'app=a,,b=c', 'a b', 'app in a', 'Bad Key=x', 'x=(y)'])(
    'rejects %j',
    selector => {
      expect(parseLabelSelectorString(selector)).toBeUndefined();
    },
  );
});
