import { useState } from 'react';

/**
 * The instant the component mounted. Relative times and rollout countdowns use one instant per view so that
 * everything on screen agrees.
 */
export function useNow(): Date {
  const [now] = useState(() => new Date());
  return now;
}
