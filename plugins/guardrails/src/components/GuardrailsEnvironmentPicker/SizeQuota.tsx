import { TableBody, TableCell, TableHead, TableRow } from '@material-ui/core';
import type { ApiSizeProfile } from '@guardrails-dev/plugin-guardrails-common';
import { ReadableTable } from '../ReadableTable';

/** The quota and default container limits a size profile gives a namespace. */
export function SizeQuota(props: {
  size: ApiSizeProfile;
  environment: string;
}) {
  const { size, environment } = props;
  const limitRows: Array<[string, Record<string, string> | undefined]> = [
    ['Default request per container', size.limitRange.defaultRequest],
    ['Default limit per container', size.limitRange.default],
    ['Maximum per container', size.limitRange.max],
  ];
  return (
    <ReadableTable
      size="small"
      aria-label={`Quota of size ${size.name} in ${environment}`}
    >
      <TableHead>
        <TableRow>
          <TableCell>Resource</TableCell>
          <TableCell>Value</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {Object.entries(size.quota).map(([key, value]) => (
          <TableRow key={`quota.${key}`}>
            <TableCell component="th" scope="row">
              Namespace quota {key}
            </TableCell>
            <TableCell>{value}</TableCell>
          </TableRow>
        ))}
        {limitRows.flatMap(([label, values]) =>
          Object.entries(values ?? {}).map(([key, value]) => (
            <TableRow key={`${label}.${key}`}>
              <TableCell component="th" scope="row">
                {label}: {key}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          )),
        )}
      </TableBody>
    </ReadableTable>
  );
}
