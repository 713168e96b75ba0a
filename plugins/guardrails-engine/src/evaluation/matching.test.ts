import { parseLabelSelectorString } from '@guardrails-dev/plugin-guardrails-common';
import { labelSelectorMatches } from './matching';

describe('labelSelectorMatches', () => {
  it('matches labels the way Kubernetes does', () => {
    const selector = parseLabelSelectorString('app==api,tier notin (batch)')!;
    expect(labelSelectorMatches(selector, { app: 'api' })).toBe(true);
    expect(labelSelectorMatches(selector, { app: 'api', tier: 'batch' })).toBe(
      false,
    );
    expect(labelSelectorMatches(selector, { app: 'web' })).toBe(false);
  });
});
