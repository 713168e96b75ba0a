import { admit } from '../admission/admit';
import { AdmissionAttributes, Operation } from '../admission/types';
import {
  cloneJson,
  isPlainObject,
  JsonObject,
  KubeObject,
} from '../store/objects';
import { ResourceCall } from './resourceCall';
import { isDryRun } from './writeChecks';

const OPTIONS_KIND: Record<Operation, string> = {
  CREATE: 'CreateOptions',
  UPDATE: 'UpdateOptions',
  DELETE: 'DeleteOptions',
};

/** The operation's options as admission sees them (`request.options`). */
function optionsOf(call: ResourceCall, operation: Operation): JsonObject {
  const options: JsonObject = {
    kind: OPTIONS_KIND[operation],
    apiVersion: 'meta.k8s.io/v1',
  };
  if (isDryRun(call.query)) options.dryRun = ['All'];
  if (operation === 'DELETE') {
    const body = isPlainObject(call.body) ? call.body : {};
    for (const key of [
      'gracePeriodSeconds',
      'preconditions',
      'propagationPolicy',
      'orphanDependents',
    ]) {
      if (body[key] !== undefined) options[key] = cloneJson(body[key]);
    }
  } else {
    const manager = call.query.get('fieldManager');
    if (manager) options.fieldManager = manager;
    const validation = call.query.get('fieldValidation');
    if (validation) options.fieldValidation = validation;
  }
  return options;
}

/**
 * Runs ValidatingAdmissionPolicy admission for a write and throws the API server's denial. `name` is the name
 * the request gives (`''` for a create relying on `generateName`); `object` is what would be stored (undefined
 * for DELETE), `oldObject` what is stored (undefined for CREATE).
 */
export function admitWrite(
  call: ResourceCall,
  operation: Operation,
  name: string,
  object: KubeObject | undefined,
  oldObject: KubeObject | undefined,
): void {
  const isNamespace = call.rt.kind === 'Namespace' && call.rt.group === '';
  // A request for a Namespace by name has that name as its namespace, as the API server's request info has.
  const namespace = call.rt.namespaced
    ? call.namespace ?? ''
    : (isNamespace && call.name) || '';
  const attrs: AdmissionAttributes = {
    operation,
    rt: call.rt,
    subresource: call.subresource ?? '',
    namespace,
    name,
    object: object ? cloneJson(object) : null,
    oldObject: oldObject ? cloneJson(oldObject) : null,
    dryRun: isDryRun(call.query),
    options: optionsOf(call, operation),
    user: call.admission.user,
  };
  // Validating admission of a create runs before storage assigns the resourceVersion.
  if (attrs.object && operation === 'CREATE')
    delete attrs.object.metadata.resourceVersion;
  admit(call.store, attrs, call.admission);
}
