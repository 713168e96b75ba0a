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

  it('accepts keys and values at the limits Kubernetes sets', () => {
    const name = 'K'.repeat(63);
    expect(
      parseLabelSelectorString(
        `example.com/${name}=${'v'.repeat(63)},app=,tier in (A_b.c)`,
      ),
    ).toEqual({
      matchLabels: { [`example.com/${name}`]: 'v'.repeat(63), app: '' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['A_b.c'] }],
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
    '-app=x',
    `${'k'.repeat(64)}=x`,
    `example.com/${'k'.repeat(64)}=x`,
    `app=${'v'.repeat(64)}`,
    'app=-x',
    'app!=x.',
    'app in (a, _b)',
  ])('rejects %j', selector => {
    expect(parseLabelSelectorString(selector)).toBeUndefined();
  });
});
