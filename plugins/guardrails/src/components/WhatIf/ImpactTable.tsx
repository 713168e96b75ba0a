import {
  Box,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@material-ui/core';
import { useMemo, useState } from 'react';
import type { ApiImpactItem } from '@guardrails-dev/plugin-guardrails-common';
import { resourceLabel } from '../../domain/violations';
import { OwnerLink } from '../OwnerLink';
import { ReadableTable } from '../ReadableTable';

type Item = ApiImpactItem & { exemption?: string };

/** Objects a what-if affects, a page at a time. */
export function ImpactTable(props: {
  items: Item[];
  label: string;
  showExemption?: boolean;
}) {
  const { items, label, showExemption } = props;
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const pageItems = useMemo(
    () => items.slice(page * pageSize, (page + 1) * pageSize),
    [items, page, pageSize],
  );
  return (
    <Box>
      <TableContainer>
        <ReadableTable size="small" aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>Component</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Namespace</TableCell>
              <TableCell>Workload</TableCell>
              <TableCell>Cluster</TableCell>
              <TableCell>Outcome</TableCell>
              <TableCell>Message</TableCell>
              {showExemption && <TableCell>Exemption</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {pageItems.map((item, index) => (
              <TableRow key={`${page}.${index}`}>
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
                <TableCell>{item.resource.namespace ?? '—'}</TableCell>
                <TableCell>
                  {resourceLabel({ ...item.resource, namespace: undefined })}
                </TableCell>
                <TableCell>{item.resource.cluster}</TableCell>
                <TableCell>{item.outcome}</TableCell>
                <TableCell>{item.message}</TableCell>
                {showExemption && <TableCell>{item.exemption}</TableCell>}
              </TableRow>
            ))}
          </TableBody>
        </ReadableTable>
      </TableContainer>
      {items.length > 25 && (
        <TablePagination
          component="div"
          count={items.length}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={[25, 50, 100]}
          onPageChange={(_, next) => setPage(next)}
          onRowsPerPageChange={e => {
            setPageSize(Number(e.target.value));
            setPage(0);
          }}
        />
      )}
    </Box>
  );
}
