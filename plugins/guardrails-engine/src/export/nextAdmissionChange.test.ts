import { Exemption } from '@guardrails-dev/plugin-guardrails-common';
import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import {
  ADMISSION_CLOCK_RESOLUTION_MS,
  exportValidatingAdmissionPolicies,
  nextAdmissionChange,
  parsePack,
} from '../index';

const NOW = new Date('2026-11-22T00:00:00Z');
const { pack } = parsePack(
  [
    {
      path: 'pack.yaml',
      content: yamlDocuments(
        // dev: warn; prod: observe, warn from 2026-12-01, block from 2027-02-01.
        guardrailDocument('pod.no-privileged'),
        guardrailDocument('namespace.quota', {
          match: { resources: [{ apiGroups: [''], kinds: ['Namespace'] }] },
          validations: [
            { expression: "size(namespaceResources['ResourceQuota']) > 0" },
          ],
          rollout: {
            prod: [{ level: 'observe' }, { level: 'warn', from: '2026-12-10' }],
          },
        }),
      ),
    },
  ],
  { now: NOW },
);

const exemption = (expiresAt: string, environments?: string[]): Exemption => ({
  name: `until-${expiresAt}`,
  guardrails: ['pod.no-privileged'],
  scope: { namespaces: ['legacy'], ...(environments ? { environments } : {}) },
  reason: 'migration',
  justification: 'Moving this sprint.',
  owner: 'group:default/shop',
  approvedBy: 'user:default/lead',
  expiresAt,
});

const next = (
  at: string,
  environments: string[],
  exemptions: Exemption[] = [],
) =>
  nextAdmissionChange(pack, {
    environments,
    at: new Date(at),
    exemptions,
  })?.toISOString();

describe('nextAdmissionChange', () => {
  it('is the next stage start of an exported guardrail in the environments', () => {
    expect(next('2026-11-22T00:00:00Z', ['prod'])).toBe(
      '2026-12-01T00:00:00.000Z',
    );
    // A stage starting at `at` is in the export at `at` already.
    expect(next('2026-12-01T00:00:00Z', ['prod'])).toBe(
      '2027-02-01T00:00:00.000Z',
    );
    // namespace.quota cannot run in admission: its dates change nothing there.
    expect(next('2026-12-05T00:00:00Z', ['prod'])).toBe(
      '2027-02-01T00:00:00.000Z',
    );
    expect(next('2027-02-01T00:00:00Z', ['prod'])).toBeUndefined();
    expect(next('2026-11-22T00:00:00Z', ['dev'])).toBeUndefined();
  });

  it('is an earlier expiry of an exemption admission honours there', () => {
    const soon = exemption('2026-11-25T12:00:00Z');
    expect(next('2026-11-22T00:00:00Z', ['dev'], [soon])).toBe(
      '2026-11-25T12:00:00.000Z',
    );
    expect(
      next(
        '2026-11-22T00:00:00Z',
        ['prod'],
        [exemption('2026-11-25T12:00:00Z', ['dev'])],
      ),
    ).toBe('2026-12-01T00:00:00.000Z');
    expect(next('2026-11-26T00:00:00Z', ['dev'], [soon])).toBeUndefined();
  });

  it('is the next hour for a guardrail reading the admission clock, which the export changes then', () => {
    const clocked = parsePack(
      [
        {
          path: 'clock.yaml',
          content: yamlDocuments(
            guardrailDocument('namespace.keep', {
              match: {
                resources: [{ apiGroups: [''], kinds: ['Namespace'] }],
                operations: ['DELETE'],
              },
              validations: [
                {
                  expression:
                    "has(oldObject.metadata.annotations) && timestamp(oldObject.metadata.annotations['until']) > variables.guardrailsNow",
                },
              ],
              rollout: { prod: [{ level: 'warn' }] },
            }),
          ),
        },
      ],
      { now: NOW },
    ).pack;
    const at = new Date('2026-11-22T10:20:00Z');
    const options = { environments: ['prod'], at };
    const policyAt = (instant: Date) =>
      JSON.stringify(
        exportValidatingAdmissionPolicies(clocked, { ...options, at: instant })
          .objects[0],
      );
    const tick = nextAdmissionChange(clocked, options)!;
    expect(tick.toISOString()).toBe('2026-11-22T11:00:00.000Z');
    expect(ADMISSION_CLOCK_RESOLUTION_MS).toBe(60 * 60 * 1000);
    expect(policyAt(new Date(tick.getTime() - 1))).toBe(policyAt(at));
    expect(policyAt(tick)).not.toBe(policyAt(at));
    expect(policyAt(at)).toContain(
      '{"name":"guardrailsNow","expression":"timestamp(\\"2026-11-22T10:00:00Z\\")"}',
    );
  });
});
