import type { BaselineSize } from '@guardrails-dev/plugin-guardrails-common';
import { quotaToHard } from './quotaToHard';
import { ResourcePair, SizeProfile } from './types';

const pair = (p: ResourcePair): Record<string, string> => ({
  cpu: p.cpu,
  memory: p.memory,
});

/**
 * A configured size in the form the namespace baseline is built from, so provisioning and drift checks build
 * the same objects.
 * @public
 */
export function toBaselineSize(size: SizeProfile): BaselineSize {
  return {
    name: size.name,
    quota: quotaToHard(size),
    limitRange: {
      defaultRequest: pair(size.limitRange.defaultRequest),
      default: pair(size.limitRange.default),
      ...(size.limitRange.max ? { max: pair(size.limitRange.max) } : {}),
    },
  };
}
