import { parseLabelSelectorString } from './labelSelectorString';

describe('parseLabelSelectorString', () => {
  it('parses equality, set-based and existence terms', () => {
    expect(
      parseLabelSelectorString(
        'app.kubernetes.io/name=payments,tier in (api, worker),env!=dev,!legacy,team',
      ),
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

  it.each([
    '',
    'app in (a, b',
    'app=a,,b=c',
    'a b',
    'app in a',
    'Bad Key=x',
    'x=(y)',
  ])('rejects %j', selector => {
    expect(parseLabelSelectorString(selector)).toBeUndefined();
  });
});
