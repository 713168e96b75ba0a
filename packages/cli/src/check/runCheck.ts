import {
  Exemption,
  GuardrailPack,
  GuardrailResult,
  ResourceRef,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  compilePack,
  evaluateObjects,
  hasBlocking,
  LocatedManifest,
  ManifestLocation,
} from '@guardrails-dev/plugin-guardrails-engine';

/** Everything a `check` output format needs. */
export interface CheckRun {
  results: GuardrailResult[];
  manifests: LocatedManifest[];
  pack: GuardrailPack;
  environment: string;
  at: Date;
  /** Whether any result stops work (exit code 1). */
  blocking: boolean;
  /** Where the object a result is about was read from, when known. */
  locate(resource: ResourceRef): ManifestLocation | undefined;
}

function resourceKey(
  resource: Pick<ResourceRef, 'apiVersion' | 'kind' | 'namespace' | 'name'>,
) {
  return [
    resource.apiVersion,
    resource.kind,
    resource.namespace ?? '',
    resource.name,
  ].join('\u0000');
}

/** Evaluates the manifests with the pack, compiled once, in one environment at one instant. */
export function runCheck(options: {
  pack: GuardrailPack;
  manifests: LocatedManifest[];
  exemptions: Exemption[];
  environment: string;
  at: Date;
}): CheckRun {
  const { pack, manifests, environment, at } = options;
  const results = evaluateObjects(
    compilePack(pack),
    manifests.map(m => m.object),
    {
      environment,
      at,
      exemptions: options.exemptions,
      source: 'cli',
      // Files carry no status: guardrails reading it apply to live objects only.
      objectsFrom: 'manifests',
    },
  );
  const locations = new Map<string, ManifestLocation>();
  for (const { object, location } of manifests) {
    const key = resourceKey({
      apiVersion: object.apiVersion,
      kind: object.kind,
      namespace: object.metadata?.namespace || undefined,
      name: object.metadata?.name || `${object.metadata?.generateName ?? ''}*`,
    });
    if (!locations.has(key)) locations.set(key, location);
  }
  return {
    results,
    manifests,
    pack,
    environment,
    at,
    blocking: hasBlocking(results),
    locate: resource => locations.get(resourceKey(resource)),
  };
}
