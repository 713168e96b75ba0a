import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** An owner or entity reference as a catalog link, or as plain text when it is not a valid reference. */
export function OwnerLink(props: { entityRef: string; defaultKind?: string }) {
  let valid = true;
  try {
    parseEntityRef(props.entityRef, {
      defaultKind: props.defaultKind ?? 'group',
    });
  } catch {
    valid = false;
  }
  return valid ? (
    <EntityRefLink
      entityRef={props.entityRef}
      defaultKind={props.defaultKind ?? 'group'}
    />
  ) : (
    <span>{props.entityRef}</span>
  );
}
