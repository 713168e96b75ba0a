import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/**
 * The time enforcement follows: which rollout stage is in force, and when the sync wakes for the next one. A
 * service, so tests and benchmarks can move time to a stage boundary instead of waiting for it.
 */
export interface EnforcementClock {
  now(): Date;
  /** Calls `fn` once, at or after `at`; the returned function cancels it. */
  setTimer(at: Date, fn: () => void): () => void;
}

// setTimeout takes at most 2^31-1 ms; a boundary months away is approached in steps and checked again.
const MAX_STEP_MS = 60 * 60 * 1000;

/** Wall-clock time. */
export const systemClock: EnforcementClock = {
  now: () => new Date(),
  setTimer(at, fn) {
    let handle: NodeJS.Timeout | undefined;
    const arm = () => {
      const wait = at.getTime() - Date.now();
      if (wait <= 0) {
        handle = undefined;
        fn();
        return;
      }
      handle = setTimeout(arm, Math.min(wait, MAX_STEP_MS));
      // A pending wake-up must not keep a stopping backend alive.
      handle.unref?.();
    };
    arm();
    return () => {
      if (handle) clearTimeout(handle);
    };
  },
};

/** The clock of the guardrails backend's enforcement; the system clock unless a test replaces it. */
export const enforcementClockServiceRef = createServiceRef<EnforcementClock>({
  id: 'guardrails.enforcement.clock',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => systemClock,
    }),
});
