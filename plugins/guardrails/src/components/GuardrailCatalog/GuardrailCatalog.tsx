import { NativeSelect } from '../NativeSelect';
import { Link } from '@backstage/core-components';
import {
  Box,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import {
  ApiGuardrailList,
  GUARDRAIL_CATEGORIES,
  GuardrailCategory,
} from '@guardrails-dev/plugin-guardrails-common';
import { useMemo, useState } from 'react';
import {
  GUARDRAIL_SEVERITIES,
  GuardrailSeverity,
  severityRank,
} from '../../domain/levels';
import { GuardrailId } from '../GuardrailId';
import { SeverityLabel } from '../SeverityLabel';
import { RolloutSummary } from './RolloutSummary';
import { ReadableTable } from '../ReadableTable';

const useStyles = makeStyles(theme => ({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 180 },
  rationale: { whiteSpace: 'pre-line', maxWidth: 480 },
}));

/** Every guardrail of the pack with why it exists and how far its rollout has come in each environment. */
export function GuardrailCatalog(props: { list: ApiGuardrailList; now: Date }) {
  const { list, now } = props;
  const classes = useStyles();
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<GuardrailCategory | ''>('');
  const [severity, setSeverity] = useState<GuardrailSeverity | ''>('');

  const shown = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('en-US');
    return list.guardrails
      .filter(
        g =>
          (!category || g.category === category) &&
          (!severity || g.severity === severity) &&
          (!needle ||
            `${g.id} ${g.title} ${g.rationale}`
              .toLocaleLowerCase('en-US')
              .includes(needle)),
      )
      .sort(
        (a, b) =>
          severityRank(b.severity) - severityRank(a.severity) ||
          a.id.localeCompare(b.id, 'en'),
      );
  }, [list, search, category, severity]);

  return (
    <Box>
      <Box
        className={classes.controls}
        role="group"
        aria-label="Filter guardrails"
      >
        <TextField
          id="guardrails-catalog-search"
          label="Search"
          placeholder="ID, title or rationale"
          value={search}
          InputLabelProps={{ shrink: true }}
          onChange={e => setSearch(e.target.value)}
        />
        <NativeSelect
          id="guardrails-catalog-category"
          className={classes.select}
          label="Category"
          value={category}
          onChange={value => setCategory(value as GuardrailCategory | '')}
          allLabel="All categories"
          options={GUARDRAIL_CATEGORIES}
        />
        <NativeSelect
          id="guardrails-catalog-severity"
          className={classes.select}
          label="Severity"
          value={severity}
          onChange={value => setSeverity(value as GuardrailSeverity | '')}
          allLabel="All severities"
          options={GUARDRAIL_SEVERITIES}
        />
      </Box>
      <Typography variant="body2" role="status" aria-live="polite">
        {shown.length} of {list.guardrails.length} guardrails
      </Typography>
      <TableContainer>
        <ReadableTable size="small" aria-label="Guardrail catalog">
          <TableHead>
            <TableRow>
              <TableCell>Guardrail</TableCell>
              <TableCell>Category</TableCell>
              <TableCell>Severity</TableCell>
              <TableCell>Why it exists</TableCell>
              <TableCell>Rollout</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(g => (
              <TableRow key={g.id}>
                <TableCell component="th" scope="row">
                  <Typography variant="body2">{g.title}</Typography>
                  <GuardrailId id={g.id} />
                  {g.docsUrl && <Link to={g.docsUrl}>Documentation</Link>}
                  {!g.admission.exportable && (
                    <Typography
                      variant="caption"
                      display="block"
                      color="textSecondary"
                    >
                      Audit only
                      {g.admission.reason ? `: ${g.admission.reason}` : ''}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{g.category}</TableCell>
                <TableCell>
                  <SeverityLabel severity={g.severity} />
                </TableCell>
                <TableCell>
                  <Typography variant="body2" className={classes.rationale}>
                    {g.rationale}
                  </Typography>
                </TableCell>
                <TableCell>
                  <RolloutSummary
                    guardrail={g}
                    environments={list.environments}
                    now={now}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ReadableTable>
      </TableContainer>
    </Box>
  );
}
