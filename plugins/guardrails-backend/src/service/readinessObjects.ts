import {
  ApiReadinessChange,
  ApiReadinessObject,
  Exemption,
} from '@guardrails-dev/plugin-guardrails-common';
import { findExemption } from '@guardrails-dev/plugin-guardrails-engine';
import type { StoredResult } from '../db';
import type { UpcomingChange } from './readinessChanges';
import { latest } from './times';

/** What a stage change would affect if it applied now: its objects, their counts and their components' owners. */
export interface ReadinessObjects {
  objects: ApiReadinessObject[];
  totals: ApiReadinessChange['totals'];
  owners: string[];
  evaluatedAt?: string;
}

/**
 * The what-if of a stage change as of its date: the guardrail's current violations and evaluation errors in the
 * environment (as /impact counts them), minus objects an exemption still covers on that date. An object exempted now
 * by an exemption that ends before the date counts as affected, marked so: the audit does not check exempted objects,
 * so whether it passes is unknown, and readiness does not report the unknown as fine.
 */
export function readinessObjects(
  change: UpcomingChange,
  results: readonly StoredResult[],
  exemptions: readonly Exemption[],
): ReadinessObjects {
  const own = exemptions.filter(e =>
    e.guardrails.includes(change.guardrail.id),
  );
  const objects: ApiReadinessObject[] = [];
  const seen: StoredResult[] = [];
  for (const r of results) {
    if (r.guardrail !== change.guardrail.id) continue;
    if (r.environment !== change.environment) continue;
    const match = findExemption(
      own,
      r.guardrail,
      {
        entityRef: r.entityRef,
        environment: r.environment,
        namespace: r.resource.namespace,
        resource: r.resource,
      },
      change.from,
    );
    if (match?.status === 'active') continue;
    let exemptionEnding: ApiReadinessObject['exemptionEnding'];
    if (r.result === 'skip') {
      // Skipped without an exemption: not applicable to the object, nothing to prepare.
      if (!r.exemption) continue;
      exemptionEnding = {
        name: r.exemption.name,
        expiresAt: r.exemption.expiresAt,
      };
    }
    seen.push(r);
    objects.push({
      ...(r.entityRef ? { entityRef: r.entityRef } : {}),
      ...(r.entityRef && r.owner ? { owner: r.owner } : {}),
      resource: {
        ...r.resource,
        cluster: r.cluster,
        environment: r.environment,
      },
      message: r.message,
      ...(exemptionEnding ? { exemptionEnding } : {}),
    });
  }
  objects.sort((a, b) => {
    const [x, y] = [objectKey(a), objectKey(b)];
    if (x === y) return 0;
    return x < y ? -1 : 1;
  });
  const namespaces = new Set(
    objects.map(
      o =>
        `${o.resource.cluster}/${
          o.resource.kind === 'Namespace'
            ? o.resource.name
            : o.resource.namespace ?? ''
        }`,
    ),
  );
  const evaluatedAt = latest(seen.map(r => r.lastSeen));
  return {
    objects,
    totals: {
      components: new Set(objects.flatMap(o => o.entityRef ?? [])).size,
      namespaces: namespaces.size,
      objects: objects.length,
      unowned: objects.filter(o => !o.entityRef).length,
      exemptionsEnding: objects.filter(o => o.exemptionEnding).length,
    },
    owners: [...new Set(objects.flatMap(o => o.owner ?? []))].sort(),
    ...(evaluatedAt ? { evaluatedAt } : {}),
  };
}

function objectKey(o: ApiReadinessObject): string {
  const { cluster, namespace, kind, name } = o.resource;
  return [o.entityRef ?? '~', cluster, namespace ?? '', name, kind].join('\n');
}
