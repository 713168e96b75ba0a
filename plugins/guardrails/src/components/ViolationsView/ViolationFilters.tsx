import { NativeSelect } from '../NativeSelect';
import { Box, makeStyles } from '@material-ui/core';
import { ENFORCEMENT_LEVELS, GUARDRAIL_SEVERITIES } from '../../domain/levels';
import { ViolationFilter } from '../../domain/violations';

const useStyles = makeStyles(theme => ({
  filters: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) },
  select: { minWidth: 180 },
}));

/** The filters in the order shown: which field each sets, its label and the label of "no filter". */
const FILTERS: Array<{
  field: keyof ViolationFilter;
  label: string;
  allLabel: string;
}> = [
  { field: 'environment', label: 'Environment', allLabel: 'All environments' },
  { field: 'level', label: 'Level', allLabel: 'All levels' },
  { field: 'severity', label: 'Severity', allLabel: 'All severities' },
];

/** Native selects: labelled, keyboard-operable and announced by every screen reader. */
export function ViolationFilters(props: {
  environments: string[];
  filter: ViolationFilter;
  onChange: (filter: ViolationFilter) => void;
}) {
  const { environments, filter, onChange } = props;
  const classes = useStyles();
  const options: Record<keyof ViolationFilter, ReadonlyArray<string>> = {
    environment: environments,
    level: ENFORCEMENT_LEVELS,
    severity: GUARDRAIL_SEVERITIES,
  };
  return (
    <Box
      className={classes.filters}
      role="group"
      aria-label="Filter violations"
    >
      {FILTERS.map(({ field, label, allLabel }) => (
        <NativeSelect
          key={field}
          id={`guardrails-filter-${field}`}
          className={classes.select}
          label={label}
          value={filter[field] ?? ''}
          // The options are the field's values, so the chosen one is one of them.
          onChange={value =>
            onChange({ ...filter, [field]: value || undefined })
          }
          allLabel={allLabel}
          options={options[field]}
        />
      ))}
    </Box>
  );
}
