import { Box } from '@material-ui/core';
import type { ApiImpactItem } from '@guardrails-dev/plugin-guardrails-common';
import { resourceLabel } from '../../domain/violations';
import {
  AffectedObjectsTable,
  ObjectColumn,
  usePages,
} from '../AffectedObjectsTable';

type Item = ApiImpactItem & { exemption?: string };

const COLUMNS: ObjectColumn<Item>[] = [
  { header: 'Namespace', cell: item => item.resource.namespace ?? '—' },
  {
    header: 'Workload',
    cell: item => resourceLabel({ ...item.resource, namespace: undefined }),
  },
  { header: 'Cluster', cell: item => item.resource.cluster },
  { header: 'Outcome', cell: item => item.outcome },
  { header: 'Message', cell: item => item.message },
];

const EXEMPTION: ObjectColumn<Item> = {
  header: 'Exemption',
  cell: item => item.exemption,
};

/** Objects a what-if affects, a page at a time. */
export function ImpactTable(props: {
  items: Item[];
  label: string;
  showExemption?: boolean;
}) {
  const { items, label, showExemption } = props;
  const pages = usePages(items);
  return (
    <Box>
      <AffectedObjectsTable
        pages={pages}
        label={label}
        columns={showExemption ? [...COLUMNS, EXEMPTION] : COLUMNS}
        rowKey={(_, index) => `${pages.page}.${index}`}
      />
    </Box>
  );
}
