import {
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@material-ui/core';
import { ReactNode } from 'react';
import { OwnerLink } from '../OwnerLink';
import { ReadableTable } from '../ReadableTable';
import { PAGE_SIZES, Pages } from './usePages';

/** What the catalog says about an affected object: its component and that component's owner, when known. */
export interface CatalogOwned {
  entityRef?: string;
  owner?: string;
}

/** A column after the component and owner. */
export interface ObjectColumn<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

/**
 * Objects a change would affect, each with the component and owner it belongs to (or that it has none) and the
 * given columns, a page at a time.
 */
export function AffectedObjectsTable<T extends CatalogOwned>(props: {
  pages: Pages<T>;
  label: string;
  columns: ObjectColumn<T>[];
  /** Tells the rows apart; `index` is the row's place on the page. */
  rowKey: (item: T, index: number) => string;
}) {
  const { pages, label, columns, rowKey } = props;
  return (
    <>
      <TableContainer>
        <ReadableTable size="small" aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>Component</TableCell>
              <TableCell>Owner</TableCell>
              {columns.map(column => (
                <TableCell key={column.header}>{column.header}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {pages.pageItems.map((item, index) => (
              <TableRow key={rowKey(item, index)}>
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
                {columns.map(column => (
                  <TableCell key={column.header}>{column.cell(item)}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </ReadableTable>
      </TableContainer>
      {pages.items.length > PAGE_SIZES[0] && (
        <TablePagination
          component="div"
          count={pages.items.length}
          page={pages.page}
          rowsPerPage={pages.pageSize}
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_, next) => pages.setPage(next)}
          onRowsPerPageChange={e => {
            pages.setPageSize(Number(e.target.value));
            pages.setPage(0);
          }}
        />
      )}
    </>
  );
}
