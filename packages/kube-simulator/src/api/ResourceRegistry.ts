import {
  apiVersionOf,
  groupVersions,
  RESOURCE_TYPES,
  ResourceType,
} from './resources';

/**
 * The types one cluster serves: the built-in table and the custom resources its CustomResourceDefinitions
 * define. `generation` advances whenever the set changes, so what is derived from it (OpenAPI) can be rebuilt.
 */
export class ResourceRegistry {
  private custom: ResourceType[] = [];
  private changes = 0;
  private readonly removedListeners: Array<(rt: ResourceType) => void> = [];

  /** Calls `listener` when a custom type stops being served (its watches end). */
  onUnregister(listener: (rt: ResourceType) => void): void {
    this.removedListeners.push(listener);
  }

  get generation(): number {
    return this.changes;
  }

  all(): readonly ResourceType[] {
    return this.custom.length
      ? [...RESOURCE_TYPES, ...this.custom]
      : RESOURCE_TYPES;
  }

  /** Custom resource types, in the order their definitions were established. */
  customTypes(): readonly ResourceType[] {
    return this.custom;
  }

  byPlural(
    group: string,
    version: string,
    plural: string,
  ): ResourceType | undefined {
    return this.all().find(
      r => r.group === group && r.version === version && r.plural === plural,
    );
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.all().find(
      r => apiVersionOf(r) === apiVersion && r.kind === kind,
    );
  }

  groupVersions(): ReturnType<typeof groupVersions> {
    return groupVersions(this.all());
  }

  /** Serves a custom type, in place of an earlier one for the same group and plural. */
  register(rt: ResourceType): void {
    this.custom = [
      ...this.custom.filter(
        r => !(r.group === rt.group && r.plural === rt.plural),
      ),
      rt,
    ];
    this.changes += 1;
  }

  unregister(rt: ResourceType): void {
    this.custom = this.custom.filter(r => r !== rt);
    this.changes += 1;
    for (const listener of this.removedListeners) listener(rt);
  }
}
