import { apiVersionOf, ResourceType } from '../api/resources';
import { notFound } from '../api/status';
import { FieldSelector, parseFieldSelector } from '../query/fieldSelector';
import {
  LabelSelector,
  matchesLabels,
  parseLabelSelector,
} from '../query/labelSelector';
import {
  decodeContinue,
  encodeContinue,
  parseLimit,
} from '../query/pagination';
import { cloneJson, KubeObject } from '../store/objects';
import { ObjectStore } from '../store/ObjectStore';
import { ApiResponse } from './request';
import { ResourceCall } from './resourceCall';
import { toTable, wantsTable } from './table';

/** Built-in list items carry no apiVersion and kind on the wire; custom resources do. */
export function toListItem(
  rt: ResourceType,
  obj: KubeObject,
): Record<string, unknown> {
  if (rt.custom) return obj;
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

export function getStored(call: ResourceCall): KubeObject {
  const obj = call.store.get(call.rt, call.namespace, call.name ?? '');
  if (!obj) throw notFound(call.rt, call.name ?? '');
  return obj;
}

export function handleGet(call: ResourceCall): ApiResponse {
  const obj = getStored(call);
  if (wantsTable(call.accept)) {
    return {
      status: 200,
      body: toTable(
        call.rt,
        [obj],
        { resourceVersion: obj.metadata.resourceVersion },
        call.query.get('includeObject'),
      ),
    };
  }
  return { status: 200, body: obj };
}

/** Objects of the call's type and namespace that match its label and field selectors, in key order. */
export function selectObjects(
  store: ObjectStore,
  rt: ResourceType,
  namespace: string | undefined,
  labels: LabelSelector,
  fields: FieldSelector,
): Array<{ key: string; object: Readonly<KubeObject> }> {
  return store.scan(
    rt,
    namespace,
    object => matchesLabels(labels, object.metadata.labels) && fields(object),
  );
}

export function handleList(call: ResourceCall): ApiResponse {
  const { rt, query, store } = call;
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'), rt);
  const limit = parseLimit(query.get('limit'));
  const token = query.get('continue');
  const start = token ? decodeContinue(token) : undefined;
  const resourceVersion =
    start?.resourceVersion ?? store.currentResourceVersion();

  let matching = selectObjects(store, rt, call.namespace, labels, fields);
  if (start) matching = matching.filter(m => m.key > start.after);
  const page = limit > 0 ? matching.slice(0, limit) : matching;
  const remaining = matching.length - page.length;
  const metadata: Record<string, unknown> = { resourceVersion };
  if (remaining > 0) {
    metadata.continue = encodeContinue({
      resourceVersion,
      after: page[page.length - 1].key,
    });
    metadata.remainingItemCount = remaining;
  }
  const objects = page.map(p => cloneJson(p.object));
  if (wantsTable(call.accept)) {
    return {
      status: 200,
      body: toTable(rt, objects, metadata, query.get('includeObject')),
    };
  }
  return {
    status: 200,
    body: {
      kind: `${rt.kind}List`,
      apiVersion: apiVersionOf(rt),
      metadata,
      items: objects.map(o => toListItem(rt, o)),
    },
  };
}
