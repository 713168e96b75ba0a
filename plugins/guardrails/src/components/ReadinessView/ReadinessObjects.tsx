import { Box, Button } from '@material-ui/core';
import type { ApiReadinessObject } from '@guardrails-dev/plugin-guardrails-common';
import { useId, useState } from 'react';
import { resourceLabel } from '../../domain/violations';
import {
  AffectedObjectsTable,
  ObjectColumn,
  usePages,
} from '../AffectedObjectsTable';
import { DateText } from '../DateText';

const COLUMNS: ObjectColumn<ApiReadinessObject>[] = [
  { header: 'Object', cell: item => resourceLabel(item.resource) },
  { header: 'Cluster', cell: item => item.resource.cluster },
  {
    header: 'Finding',
    cell: item =>
      item.exemptionEnding ? (
        <>
          Exempted by {item.exemptionEnding.name} until{' '}
          <DateText value={item.exemptionEnding.expiresAt} />, before the
          change; not checked while exempted
        </>
      ) : (
        item.message
      ),
  },
];

/** The objects a stage change would affect, behind a toggle, a page at a time. */
export function ReadinessObjects(props: {
  objects: ApiReadinessObject[];
  /** Names the table, e.g. "Objects pod.no-privileged at block would affect in prod". */
  label: string;
}) {
  const { objects, label } = props;
  const id = useId();
  const [open, setOpen] = useState(false);
  const pages = usePages(objects);
  if (objects.length === 0) return null;
  const count = `${objects.length} affected ${
    objects.length === 1 ? 'object' : 'objects'
  }`;
  return (
    <Box mt={2}>
      <Button
        size="small"
        variant="outlined"
        aria-expanded={open}
        aria-controls={open ? `${id}-objects` : undefined}
        onClick={() => setOpen(v => !v)}
      >
        {open ? `Hide the ${count}` : `Show the ${count}`}
      </Button>
      {open && (
        <Box id={`${id}-objects`} mt={1}>
          <AffectedObjectsTable
            pages={pages}
            label={label}
            columns={COLUMNS}
            rowKey={objectKey}
          />
        </Box>
      )}
    </Box>
  );
}

function objectKey(item: ApiReadinessObject): string {
  const { cluster, apiVersion, kind, namespace, name } = item.resource;
  return [cluster, apiVersion, kind, namespace ?? '', name].join('/');
}
