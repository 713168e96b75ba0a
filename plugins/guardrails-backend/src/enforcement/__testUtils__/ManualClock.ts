import { createServiceFactory } from '@backstage/backend-plugin-api';
import { EnforcementClock, enforcementClockServiceRef } from '../clock';

/** A clock that moves only when told to, firing the timers that come due: stage boundaries without waiting. */
export class ManualClock implements EnforcementClock {
  private timers: Array<{ at: number; fn: () => void }> = [];

  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  setTimer(at: Date, fn: () => void): () => void {
    const timer = { at: at.getTime(), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter(t => t !== timer);
    };
  }

  /** Moves to `to` and fires every timer due by then, earliest first. */
  set(to: Date): void {
    this.current = new Date(to);
    const due = this.timers
      .filter(t => t.at <= to.getTime())
      .sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter(t => !due.includes(t));
    due.forEach(t => t.fn());
  }

  /** When the earliest pending timer fires, if any. */
  nextTimer(): Date | undefined {
    const at = Math.min(...this.timers.map(t => t.at));
    return Number.isFinite(at) ? new Date(at) : undefined;
  }

  /** The backend feature that makes this the enforcement clock. */
  factory() {
    return createServiceFactory({
      service: enforcementClockServiceRef,
      deps: {},
      factory: () => this,
    });
  }
}
