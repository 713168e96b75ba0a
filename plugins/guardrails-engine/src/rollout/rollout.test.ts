import { RolloutPlan } from '@guardrails-dev/plugin-guardrails-common';
import {
  currentStage,
  effectiveLevel,
  nextStage,
  rolloutStatus,
} from '../index';

const plan: RolloutPlan = {
  dev: [{ level: 'warn' }],
  prod: [
    { level: 'observe' },
    { level: 'warn', from: '2026-12-01' },
    { level: 'block', from: '2027-02-01T09:00:00+01:00' },
  ],
  staging: [
    { level: 'observe', from: '2027-01-01' },
    { level: 'warn', from: '2027-02-01' },
  ],
};
const at = (iso: string) => new Date(iso);

describe('rollout maths', () => {
  it('takes the last stage whose date has passed, inclusive of the start instant', () => {
    expect(currentStage(plan, 'prod', at('2026-11-30T23:59:59.999Z'))).toEqual({
      environment: 'prod',
      index: 0,
      level: 'observe',
      from: undefined,
    });
    expect(
      currentStage(plan, 'prod', at('2026-12-01T00:00:00Z')),
    ).toMatchObject({ index: 1, level: 'warn' });
    expect(
      currentStage(plan, 'prod', at('2027-02-01T07:59:59Z')),
    ).toMatchObject({ level: 'warn' });
    expect(currentStage(plan, 'prod', at('2027-02-01T08:00:00Z'))).toEqual({
      environment: 'prod',
      index: 2,
      level: 'block',
      from: at('2027-02-01T08:00:00Z'),
    });
  });

  it('has no current stage before the first dated stage or without a plan', () => {
    expect(
      currentStage(plan, 'staging', at('2026-12-31T00:00:00Z')),
    ).toBeUndefined();
    expect(
      currentStage(plan, 'qa', at('2026-12-31T00:00:00Z')),
    ).toBeUndefined();
    expect(
      currentStage(plan, 'constructor', at('2026-12-31T00:00:00Z')),
    ).toBeUndefined();
  });

  it('names the next stage and the whole days until it, rounded up', () => {
    expect(nextStage(plan, 'prod', at('2026-11-22T00:00:00Z'))).toEqual({
      environment: 'prod',
      index: 1,
      level: 'warn',
      from: at('2026-12-01T00:00:00Z'),
      daysUntil: 9,
    });
    expect(nextStage(plan, 'prod', at('2026-11-30T23:00:00Z'))?.daysUntil).toBe(
      1,
    );
    expect(nextStage(plan, 'prod', at('2026-12-01T00:00:00Z'))).toMatchObject({
      level: 'block',
      daysUntil: 63,
    });
    expect(nextStage(plan, 'prod', at('2027-03-01T00:00:00Z'))).toBeUndefined();
    expect(nextStage(plan, 'dev', at('2027-03-01T00:00:00Z'))).toBeUndefined();
    expect(
      nextStage(plan, 'staging', at('2026-12-01T00:00:00Z')),
    ).toMatchObject({ level: 'observe', daysUntil: 31 });
  });

  it('gives the effective level, undefined where the guardrail is not in force', () => {
    const guardrail = { rollout: plan };
    expect(effectiveLevel(guardrail, 'dev', at('2020-01-01T00:00:00Z'))).toBe(
      'warn',
    );
    expect(effectiveLevel(guardrail, 'prod', at('2027-06-01T00:00:00Z'))).toBe(
      'block',
    );
    expect(
      effectiveLevel(guardrail, 'staging', at('2026-12-01T00:00:00Z')),
    ).toBeUndefined();
    expect(
      effectiveLevel(guardrail, 'qa', at('2026-12-01T00:00:00Z')),
    ).toBeUndefined();
  });

  it('summarises current and next stage', () => {
    expect(
      rolloutStatus({ rollout: plan }, 'prod', at('2026-12-10T00:00:00Z')),
    ).toEqual({
      environment: 'prod',
      current: {
        environment: 'prod',
        index: 1,
        level: 'warn',
        from: at('2026-12-01T00:00:00Z'),
      },
      level: 'warn',
      next: {
        environment: 'prod',
        index: 2,
        level: 'block',
        from: at('2027-02-01T08:00:00Z'),
        daysUntil: 54,
      },
    });
    expect(
      rolloutStatus({ rollout: plan }, 'qa', at('2026-12-10T00:00:00Z')),
    ).toEqual({ environment: 'qa' });
  });

  it('refuses plans with invalid dates', () => {
    expect(() =>
      currentStage(
        { prod: [{ level: 'warn', from: 'soon' }] },
        'prod',
        new Date(),
      ),
    ).toThrow('Rollout stage of environment prod has an invalid date "soon"');
  });
});
