import { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isGuardrailsAvailable } from '.';
import { guardrailsEntityCard, guardrailsEntityContent } from './alpha';

const entity = (
  kind: string,
  annotations: Record<string, string> = {},
  spec: Entity['spec'] = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'payments', annotations },
  spec,
});

const mapped = { 'backstage.io/kubernetes-id': 'payments' };

describe('which entities get the Guardrails tab', () => {
  // The card's filter is asserted too: the tab and the card it links to come and go together.
  const alphaFilters = [
    createExtensionTester(guardrailsEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    ),
    createExtensionTester(guardrailsEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ),
  ];

  it.each([
    [
      'a component with a mapping annotation',
      entity('Component', mapped),
      true,
    ],
    // It gets the tab, which tells its team how to map it.
    ['a component without one', entity('Component'), true],
    [
      'a namespace Resource',
      entity('Resource', mapped, { type: 'kubernetes-namespace' }),
      true,
    ],
    [
      'another Resource',
      entity('Resource', mapped, { type: 'database' }),
      false,
    ],
    // The audit never maps objects to a System, annotated or not.
    ['a System', entity('System', mapped), false],
  ])('%s: the legacy and /alpha answers agree', (_case, subject, expected) => {
    expect(isGuardrailsAvailable(subject)).toBe(expected);
    for (const filter of alphaFilters) {
      expect(filter?.(subject)).toBe(expected);
    }
  });
});
