import { NativeSelect } from '../NativeSelect';
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
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  GUARDRAIL_SEVERITIES,
  GuardrailSeverity,
  severityRank,
} from '../../domain/levels';
import { ReadableTable } from '../ReadableTable';
import { VisuallyHidden } from '../VisuallyHidden';
import { CatalogRow } from './CatalogRow';

const useStyles = makeStyles(theme => ({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 180 },
}));

/**
 * Every guardrail of the pack with why it exists, how far its rollout has come in each environment and, expanded,
 * how to fix a violation. `?guardrail=<id>` (the link in admission messages) opens that guardrail's row.
 */
export function GuardrailCatalog(props: { list: ApiGuardrailList; now: Date }) {
  const { list, now } = props;
  const classes = useStyles();
  const [searchParams] = useSearchParams();
  const selected = searchParams.get('guardrail') ?? undefined;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    () => new Set(selected ? [selected] : []),
  );
  const toggle = useCallback(
    (id: string) =>
      setExpanded(current => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
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
        {selected && !list.guardrails.some(g => g.id === selected)
          ? ` — ${selected} is not in the guardrail pack`
          : ''}
      </Typography>
      <TableContainer>
        <ReadableTable size="small" aria-label="Guardrail catalog">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <VisuallyHidden>Details</VisuallyHidden>
              </TableCell>
              <TableCell>Guardrail</TableCell>
              <TableCell>Category</TableCell>
              <TableCell>Severity</TableCell>
              <TableCell>Why it exists</TableCell>
              <TableCell>Rollout</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(g => (
              <CatalogRow
                key={g.id}
                guardrail={g}
                environments={list.environments}
                now={now}
                expanded={expanded.has(g.id)}
                onToggle={toggle}
                selected={g.id === selected}
              />
            ))}
          </TableBody>
        </ReadableTable>
      </TableContainer>
    </Box>
  );
}
