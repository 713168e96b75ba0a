import {
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { ReadableTable } from '../ReadableTable';
import {
  CostRow,
  costCenterName,
  formatMoney,
  formatQuantity,
} from './costFormat';

function Estimate(props: { value?: number; currency: string }) {
  return props.value === undefined ? (
    <Typography variant="body2" color="textSecondary" component="span">
      no price
    </Typography>
  ) : (
    <>{formatMoney(props.value, props.currency)}</>
  );
}

/**
 * Per cost centre and environment: CPU and memory used of what the quotas reserve, and the estimated monthly cost
 * of both ("no price" where the environment has none, never 0).
 */
export function CostRows(props: { rows: CostRow[]; currency: string }) {
  const { rows, currency } = props;
  if (rows.length === 0) {
    return (
      <Typography variant="body2">
        No namespace with a quota has been read yet: rows appear after an audit
        has read the clusters.
      </Typography>
    );
  }
  return (
    <TableContainer>
      <ReadableTable
        size="small"
        aria-label="Quota and use by cost centre and environment"
      >
        <TableHead>
          <TableRow>
            <TableCell>Cost centre</TableCell>
            <TableCell>Environment</TableCell>
            <TableCell align="right">Namespaces</TableCell>
            <TableCell>CPU</TableCell>
            <TableCell>Memory (GiB)</TableCell>
            <TableCell align="right">Estimate, reserved</TableCell>
            <TableCell align="right">Estimate, used</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={`${row.costCenter}\u0000${row.environment}`}>
              <TableCell component="th" scope="row">
                {costCenterName(row.costCenter)}
              </TableCell>
              <TableCell>{row.environment}</TableCell>
              <TableCell align="right">{row.namespaces}</TableCell>
              <TableCell>
                {formatQuantity(row.used.cpu)} used of{' '}
                {formatQuantity(row.quota.cpu)} reserved
              </TableCell>
              <TableCell>
                {formatQuantity(row.used.memoryGiB)} used of{' '}
                {formatQuantity(row.quota.memoryGiB)} reserved
              </TableCell>
              <TableCell align="right">
                <Estimate value={row.estimate?.quota} currency={currency} />
              </TableCell>
              <TableCell align="right">
                <Estimate value={row.estimate?.used} currency={currency} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ReadableTable>
    </TableContainer>
  );
}
