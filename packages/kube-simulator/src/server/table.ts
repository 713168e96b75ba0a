import { ResourceType } from '../api/resources';
import { customColumns } from '../crd/customColumns';
import { QUOTA_COLUMNS } from '../quota/quotaColumns';
import { isPlainObject, KubeObject } from '../store/objects';

/** Whether the client asked for `meta.k8s.io` Table output (kubectl get does). */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some(part => /;\s*as=Table/.test(part));
}

/** Age as kubectl shows it: 45s, 12m, 5h, 3d. */
export function humanAge(from: string | undefined, now = Date.now()): string {
  if (!from) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now - Date.parse(from)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** One column of a Table: its definition and how a row's cell is computed. */
export interface Column {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority?: number;
  cell: (obj: KubeObject) => string | number;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const status = (obj: KubeObject) =>
  isPlainObject(obj.status) ? obj.status : {};
const spec = (obj: KubeObject) => (isPlainObject(obj.spec) ? obj.spec : {});

function podReady(obj: KubeObject): string {
  const statuses = Array.isArray(status(obj).containerStatuses)
    ? (status(obj).containerStatuses as unknown[])
    : [];
  const total = Array.isArray(spec(obj).containers)
    ? (spec(obj).containers as unknown[]).length
    : 0;
  const ready = statuses.filter(
    s => isPlainObject(s) && s.ready === true,
  ).length;
  return `${ready}/${total}`;
}

function restarts(obj: KubeObject): number {
  const statuses = Array.isArray(status(obj).containerStatuses)
    ? (status(obj).containerStatuses as unknown[])
    : [];
  return statuses.reduce<number>(
    (sum, s) => sum + (isPlainObject(s) ? num(s.restartCount) : 0),
    0,
  );
}

/** Extra columns per kind, a subset of what the API server's printers show. */
const KIND_COLUMNS: Record<string, Column[]> = {
  Namespace: [
    {
      name: 'Status',
      type: 'string',
      description: 'The status of the namespace',
      cell: o => String(status(o).phase ?? ''),
    },
  ],
  Pod: [
    {
      name: 'Ready',
      type: 'string',
      description:
        'The aggregate readiness state of this pod for accepting traffic.',
      cell: podReady,
    },
    {
      name: 'Status',
      type: 'string',
      description: 'The aggregate status of the containers in this pod.',
      cell: o => String(status(o).phase ?? ''),
    },
    {
      name: 'Restarts',
      type: 'string',
      description:
        'The number of times the containers in this pod have been restarted.',
      cell: o => String(restarts(o)),
    },
  ],
  Deployment: [
    {
      name: 'Ready',
      type: 'string',
      description: 'Number of the pod with ready state',
      cell: o =>
        `${num(status(o).readyReplicas)}/${num(spec(o).replicas ?? 1)}`,
    },
    {
      name: 'Up-to-date',
      type: 'integer',
      description:
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      cell: o => num(status(o).updatedReplicas),
    },
    {
      name: 'Available',
      type: 'integer',
      description:
        'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      cell: o => num(status(o).availableReplicas),
    },
  ],
  StatefulSet: [
    {
      name: 'Ready',
      type: 'string',
      description: 'Number of the pod with ready state',
      cell: o =>
        `${num(status(o).readyReplicas)}/${num(spec(o).replicas ?? 1)}`,
    },
  ],
};

/**
 * A `meta.k8s.io/v1` Table of the objects: Name, kind-specific columns, Age. Rows carry the object as
 * PartialObjectMetadata (or whole with includeObject=Object), which kubectl needs for its namespace column.
 */
export function toTable(
  rt: ResourceType,
  objects: KubeObject[],
  listMeta: Record<string, unknown>,
  includeObject: string | null,
): Record<string, unknown> {
  const name: Column = {
    name: 'Name',
    type: 'string',
    format: 'name',
    description: 'Name must be unique within a namespace.',
    cell: o => o.metadata.name ?? '',
  };
  const age: Column = {
    name: 'Age',
    type: 'string',
    description:
      'CreationTimestamp is a timestamp representing the server time when this object was created.',
    cell: o => humanAge(o.metadata.creationTimestamp),
  };
  let columns: Column[];
  if (rt.definition) columns = [name, ...customColumns(rt.definition)];
  // The API server's quota printer puts Age before what is used of each resource.
  else if (rt.group === '' && rt.kind === 'ResourceQuota')
    columns = [name, age, ...QUOTA_COLUMNS];
  // Definitions are printed by the API server's default table convertor: the creation time as a timestamp.
  else if (rt.group === 'apiextensions.k8s.io')
    columns = [
      name,
      {
        name: 'Created At',
        type: 'date',
        description: age.description,
        cell: o => o.metadata.creationTimestamp ?? '',
      },
    ];
  else columns = [name, ...(KIND_COLUMNS[rt.kind] ?? []), age];
  const rowObject = (o: KubeObject) => {
    if (includeObject === 'None') return undefined;
    if (includeObject === 'Object') return o;
    return {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: o.metadata,
    };
  };
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description,
      priority: c.priority ?? 0,
    })),
    rows: objects.map(o => ({
      cells: columns.map(c => c.cell(o)),
      object: rowObject(o),
    })),
  };
}
