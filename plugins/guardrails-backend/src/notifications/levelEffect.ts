import type { EnforcementLevel } from '@guardrails-dev/plugin-guardrails-common';

/** What a level does to a failing object, for titles and sentences. */
export function levelEffect(level: EnforcementLevel): {
  title: string;
  consequence: string;
} {
  switch (level) {
    case 'auto-correct':
      return {
        title: 'Auto-correct',
        consequence:
          'admission will deny changes to, and the platform will restore the safe state of,',
      };
    case 'block':
      return {
        title: 'Block',
        consequence: 'admission will deny the next change to',
      };
    case 'warn':
      return {
        title: 'Warning',
        consequence: 'admission will warn on every change to',
      };
    default:
      return { title: 'Observe', consequence: 'the audit will record' };
  }
}
