import { badRequest } from '../api/status';
import { parseFieldSelector } from '../query/fieldSelector';
import { matchesLabels, parseLabelSelector } from '../query/labelSelector';
import { isWatchQuery, parseWatchQuery } from '../watch/watchQuery';
import { selectObjects } from './readHandlers';
import { ApiResponse } from './request';
import { ResourceCall } from './resourceCall';
import { wantsTable } from './table';

/** Whether a request for a resource is a watch: `?watch=…` on a collection, or a legacy `/watch/` path. */
export function isWatch(
  call: Pick<ResourceCall, 'name' | 'query' | 'legacyWatch'>,
): boolean {
  return (
    call.legacyWatch === true ||
    (call.name === undefined && isWatchQuery(call.query))
  );
}

/** Whether a field selector requires `metadata.name` to equal `name` (`RequiresExactMatch`). */
function requiresName(selector: string, name: string): boolean {
  return selector.split(',').some(term => {
    const m = /^\s*metadata\.name\s*(==|=)\s*(.*?)\s*$/.exec(term);
    return m !== null && m[2] === name;
  });
}

/**
 * The field selector of a legacy named watch: the name as a `metadata.name` selector, or the given selector when
 * it requires that name; any other is refused, as the API server refuses it.
 */
function nameSelector(name: string, given: string | null): string {
  if (!given || given.trim() === '') return `metadata.name=${name}`;
  if (!requiresName(given, name))
    throw badRequest(
      "fieldSelector metadata.name doesn't match requested name",
    );
  return given;
}

/**
 * A watch of a collection: label and field selectors as for lists; a legacy `/watch/<…>/<name>` path watches one
 * object, as a `metadata.name` field selector does. Answers 200 with a stream of events.
 */
export function handleWatch(call: ResourceCall): ApiResponse {
  const { rt, query, store, watches } = call;
  if (!watches) throw new Error('watches are not served here');
  const fieldText =
    call.name === undefined
      ? query.get('fieldSelector')
      : nameSelector(call.name, query.get('fieldSelector'));
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(fieldText, rt);
  const watchQuery = parseWatchQuery(query);
  const table = wantsTable(call.accept)
    ? { includeObject: query.get('includeObject') }
    : undefined;
  return {
    status: 200,
    body: undefined,
    stream: res =>
      watches.open(
        {
          rt,
          namespace: call.namespace,
          matches: obj =>
            matchesLabels(labels, obj.metadata.labels) && fields(obj),
          query: watchQuery,
          table,
          initialState: () =>
            selectObjects(store, rt, call.namespace, labels, fields).map(
              s => s.object,
            ),
          path: call.path ?? '',
          search: query.toString(),
        },
        res,
      ),
  };
}
