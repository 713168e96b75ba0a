import {
  Box,
  Button,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@material-ui/core';
import type { ApiReadinessObject } from '@guardrails-dev/plugin-guardrails-common';
import { useId, useMemo, useState } from 'react';
import { resourceLabel } from '../../domain/violations';
import { DateText } from '../DateText';
import { OwnerLink } from '../OwnerLink';
import { ReadableTable } from '../ReadableTable';

const PAGE_SIZES = [25, 50, 100];

/** The objects a stage change would affect, behind a toggle, a page at a time. */
export function ReadinessObjects(props: {
  objects: ApiReadinessObject[];
  /** Names the table, e.g. "Objects pod.no-privileged at block would affect in prod". */
  label: string;
}) {
  const { objects, label } = props;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const pageItems = useMemo(
    () => objects.slice(page * pageSize, (page + 1) * pageSize),
    [objects, page, pageSize],
  );
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
          <TableContainer>
            <ReadableTable size="small" aria-label={label}>
              <TableHead>
                <TableRow>
                  <TableCell>Component</TableCell>
                  <TableCell>Owner</TableCell>
                  <TableCell>Object</TableCell>
                  <TableCell>Cluster</TableCell>
                  <TableCell>Finding</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {pageItems.map(item => (
                  <TableRow key={objectKey(item)}>
                    <TableCell>
                      {item.entityRef ? (
                        <OwnerLink
                          entityRef={item.entityRef}
                          defaultKind="component"
                        />
                      ) : (
                        <Typography variant="body2" color="textSecondary">
                          not in the catalog
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>
                      {item.owner ? (
                        <OwnerLink entityRef={item.owner} />
                      ) : (
                        <Typography variant="body2" color="textSecondary">
                          no owner
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>{resourceLabel(item.resource)}</TableCell>
                    <TableCell>{item.resource.cluster}</TableCell>
                    <TableCell>
                      {item.exemptionEnding ? (
                        <>
                          Exempted by {item.exemptionEnding.name} until{' '}
                          <DateText value={item.exemptionEnding.expiresAt} />,
                          before the change; not checked while exempted
                        </>
                      ) : (
                        item.message
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </ReadableTable>
          </TableContainer>
          {objects.length > PAGE_SIZES[0] && (
            <TablePagination
              component="div"
              count={objects.length}
              page={page}
              rowsPerPage={pageSize}
              rowsPerPageOptions={PAGE_SIZES}
              onPageChange={(_, next) => setPage(next)}
              onRowsPerPageChange={e => {
                setPageSize(Number(e.target.value));
                setPage(0);
              }}
            />
          )}
        </Box>
      )}
    </Box>
  );
}

function objectKey(item: ApiReadinessObject): string {
  const { cluster, apiVersion, kind, namespace, name } = item.resource;
  return [cluster, apiVersion, kind, namespace ?? '', name].join('/');
}
