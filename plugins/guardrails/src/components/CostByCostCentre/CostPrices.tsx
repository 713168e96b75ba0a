import {
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { ReadableTable } from '../ReadableTable';
import { CostReport, formatMoney } from './costFormat';

/**
 * The prices each environment's estimate uses, in the report's currency; environments that have namespaces but no
 * price are named, since their cost is in no estimate.
 */
export function CostPrices(props: { report: CostReport }) {
  const { report } = props;
  const priced = new Set(report.prices.map(p => p.environment));
  const unpriced = [
    ...new Set(
      report.rows.map(r => r.environment).filter(env => !priced.has(env)),
    ),
  ];
  return (
    <>
      {report.prices.length > 0 && (
        <TableContainer>
          <ReadableTable
            size="small"
            aria-label={`Prices the estimates use, in ${report.currency} per month`}
          >
            <TableHead>
              <TableRow>
                <TableCell>Environment</TableCell>
                <TableCell align="right">Per CPU per month</TableCell>
                <TableCell align="right">Per GiB of memory per month</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.prices.map(price => (
                <TableRow key={price.environment}>
                  <TableCell component="th" scope="row">
                    {price.environment}
                  </TableCell>
                  <TableCell align="right">
                    {formatMoney(price.cpu, report.currency)}
                  </TableCell>
                  <TableCell align="right">
                    {formatMoney(price.memoryGiB, report.currency)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ReadableTable>
        </TableContainer>
      )}
      {report.prices.length === 0 && (
        <Typography variant="body2">
          No prices are configured (<code>guardrails.costs.prices</code>), so
          nothing has an estimate.
        </Typography>
      )}
      {unpriced.length > 0 && (
        <Typography variant="body2">
          No price for {unpriced.join(', ')}: what is reserved there has no
          estimate and counts toward no budget.
        </Typography>
      )}
    </>
  );
}
