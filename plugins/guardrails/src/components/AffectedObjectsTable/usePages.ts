import { useMemo, useState } from 'react';

export const PAGE_SIZES = [25, 50, 100];

/** A list shown a page at a time: the page, its size and the items on it. */
export interface Pages<T> {
  items: T[];
  page: number;
  pageSize: number;
  pageItems: T[];
  setPage: (page: number) => void;
  setPageSize: (pageSize: number) => void;
}

/**
 * Pages through `items`. Kept by the component that owns the list, so that the page survives the table being
 * hidden and shown again.
 */
export function usePages<T>(items: T[]): Pages<T> {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const pageItems = useMemo(
    () => items.slice(page * pageSize, (page + 1) * pageSize),
    [items, page, pageSize],
  );
  return { items, page, pageSize, pageItems, setPage, setPageSize };
}
