import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { Checkpoint } from '../provisioning/NamespaceProvisioner';

/** `ctx.checkpoint` in the shape the provisioner takes; values are plain JSON. */
export function checkpointOf(
  ctx: Pick<ActionContext<any, any>, 'checkpoint'>,
): Checkpoint {
  return <T>(key: string, fn: () => Promise<T>) =>
    ctx.checkpoint({ key, fn: fn as never }) as Promise<T>;
}
