import {
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import { ReadableTable } from '../ReadableTable';
import { CostBudget, formatMoney } from './costFormat';

const useStyles = makeStyles(theme => ({
  status: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  over: {
    color:
      theme.palette.type === 'dark'
        ? theme.palette.error.light
        : theme.palette.error.dark,
  },
  within: { color: theme.palette.text.secondary },
}));

function overBy(budget: CostBudget, currency: string): string {
  return formatMoney(budget.estimate - budget.monthly, currency);
}

/** Over or within, as an icon and words; the words carry it, the colour only repeats it. */
function BudgetStatus(props: { budget: CostBudget; currency: string }) {
  const { budget, currency } = props;
  const classes = useStyles();
  return budget.over ? (
    <Typography component="span" variant="body2" className={classes.status}>
      <ErrorIcon fontSize="small" className={classes.over} aria-hidden />
      <strong>Over budget</strong> by {overBy(budget, currency)}
    </Typography>
  ) : (
    <Typography component="span" variant="body2" className={classes.status}>
      <CheckCircleIcon
        fontSize="small"
        className={classes.within}
        aria-hidden
      />
      Within budget
    </Typography>
  );
}

/**
 * Each cost centre's monthly budget against the estimate of what its quotas reserve, the cost centres over budget
 * called out above the table.
 */
export function CostBudgets(props: {
  budgets: CostBudget[];
  currency: string;
}) {
  const { budgets, currency } = props;
  if (budgets.length === 0) {
    return (
      <Typography variant="body2">
        No budgets are configured (<code>guardrails.costs.budgets</code>).
      </Typography>
    );
  }
  const over = budgets.filter(b => b.over);
  return (
    <>
      {over.length > 0 && (
        <Alert severity="error" role="status">
          <strong>
            {over.length === 1
              ? '1 cost centre is over budget'
              : `${over.length} cost centres are over budget`}
            :
          </strong>{' '}
          {over
            .map(
              b =>
                `${b.costCenter} (estimate ${formatMoney(
                  b.estimate,
                  currency,
                )} against ${formatMoney(b.monthly, currency)})`,
            )
            .join('; ')}
          .
        </Alert>
      )}
      <TableContainer>
        <ReadableTable size="small" aria-label="Budgets">
          <TableHead>
            <TableRow>
              <TableCell>Cost centre</TableCell>
              <TableCell align="right">Monthly budget</TableCell>
              <TableCell align="right">Estimate</TableCell>
              <TableCell>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {budgets.map(budget => (
              <TableRow key={budget.costCenter}>
                <TableCell component="th" scope="row">
                  {budget.costCenter}
                </TableCell>
                <TableCell align="right">
                  {formatMoney(budget.monthly, currency)}
                </TableCell>
                <TableCell align="right">
                  {formatMoney(budget.estimate, currency)}
                  {budget.unpriced.length > 0 && (
                    <Typography
                      variant="caption"
                      display="block"
                      color="textSecondary"
                    >
                      without {budget.unpriced.join(', ')} (no price)
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <BudgetStatus budget={budget} currency={currency} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ReadableTable>
      </TableContainer>
    </>
  );
}
