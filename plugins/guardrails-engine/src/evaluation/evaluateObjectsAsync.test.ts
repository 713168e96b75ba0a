import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import {
  compilePack,
  evaluateObjects,
  evaluateObjectsAsync,
  EvaluationContext,
  parsePack,
  KubernetesManifest,
} from '../index';

const context: EvaluationContext = {
  environment: 'prod',
  at: new Date('2027-03-01T00:00:00Z'),
};

// Some milliseconds of work per object: a comprehension over a long list.
const pack = compilePack(
  parsePack(
    [
      {
        path: 'pack.yaml',
        content: yamlDocuments(
          guardrailDocument('pod.heavy', {
            validations: [
              {
                expression:
                  'object.spec.containers.all(c, c.image != "") && [0,1,2,3,4,5,6,7,8,9].all(a, [0,1,2,3,4,5,6,7,8,9].all(b, [0,1,2,3,4,5,6,7,8,9].all(c, [0,1,2,3,4,5,6,7,8,9].all(d, a + b + c + d >= 0))))',
              },
            ],
          }),
          guardrailDocument('pod.no-privileged'),
        ),
      },
    ],
    { now: new Date('2026-11-22T00:00:00Z') },
  ).pack,
);

const pods = (count: number): KubernetesManifest[] =>
  Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${i}`, namespace: 'shop' },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'app:1',
          securityContext: { privileged: i % 2 === 0 },
        },
      ],
    },
  }));

describe('evaluateObjectsAsync', () => {
  it('gives the same results as evaluateObjects', async () => {
    const objects = pods(20);
    expect(await evaluateObjectsAsync(pack, objects, context)).toEqual(
      evaluateObjects(pack, objects, context),
    );
  });

  it('lets timers run while it evaluates', async () => {
    const objects = pods(300);
    let ticks = 0;
    let maxGap = 0;
    let last = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const started = Date.now();
    try {
      await evaluateObjectsAsync(pack, objects, context, { sliceMs: 10 });
    } finally {
      clearInterval(timer);
    }
    const elapsed = Date.now() - started;
    // The run is long enough to be worth slicing, and timers kept up with it.
    expect(elapsed).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThan(elapsed / 50);
    expect(maxGap).toBeLessThan(250);
  });

  it('rejects inputs that are not Kubernetes objects, naming the first', async () => {
    await expect(
      evaluateObjectsAsync(pack, [{ kind: 'Pod' }], context),
    ).rejects.toThrow(
      'objects[0] is not a Kubernetes object: it has no apiVersion, metadata.name',
    );
  });
});
