import { Entity } from '@backstage/catalog-model';
import { mappingAnnotationProblems } from './mappingAnnotations';

const component = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', annotations },
});

describe('mappingAnnotationProblems', () => {
  it.each([
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['Payments', false],
    ['-payments', false],
    ['payments.api', false],
  ])(
    'takes kubernetes-namespace %j as a namespace name: %s',
    (value, valid) => {
      expect(
        mappingAnnotationProblems(
          component({ 'backstage.io/kubernetes-namespace': value }),
        ),
      ).toHaveLength(valid ? 0 : 1);
    },
  );

  it.each([
    ['P'.repeat(63), true],
    ['payments_API.v2', true],
    ['p'.repeat(64), false],
    ['-payments', false],
    ['payments.', false],
    ['', false],
  ])(
    'takes kubernetes-id %j as a non-empty label value: %s',
    (value, valid) => {
      expect(
        mappingAnnotationProblems(
          component({ 'backstage.io/kubernetes-id': value }),
        ),
      ).toHaveLength(valid ? 0 : 1);
    },
  );
});
