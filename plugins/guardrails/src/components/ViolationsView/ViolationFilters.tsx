import { NativeSelect } from '../NativeSelect';
import { Box, makeStyles } from '@material-ui/core';
import {
  ENFORCEMENT_LEVELS,
  EnforcementLevel,
  GUARDRAIL_SEVERITIES,
  GuardrailSeverity,
} from '../../domain/levels';
import { ViolationFilter } from '../../domain/violations';

const useStyles = makeStyles(theme => ({
  filters: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) },
  select: { minWidth: 180 },
}));

/** Native selects: labelled, keyboard-operable and announced by every screen reader. */
export function ViolationFilters(props: {
  environments: string[];
  filter: ViolationFilter;
  onChange: (filter: ViolationFilter) => void;
}) {
  const { environments, filter, onChange } = props;
  const classes = useStyles();
  return (
    <Box
      className={classes.filters}
      role="group"
      aria-label="Filter violations"
    >
      <NativeSelect
        id="guardrails-filter-environment"
        className={classes.select}
        label="Environment"
        value={filter.environment ?? ''}
        onChange={value =>
          onChange({ ...filter, environment: value || undefined })
        }
        allLabel="All environments"
        options={environments}
      />
      <NativeSelect
        id="guardrails-filter-level"
        className={classes.select}
        label="Level"
        value={filter.level ?? ''}
        onChange={value =>
          onChange({
            ...filter,
            level: (value || undefined) as EnforcementLevel | undefined,
          })
        }
        allLabel="All levels"
        options={ENFORCEMENT_LEVELS}
      />
      <NativeSelect
        id="guardrails-filter-severity"
        className={classes.select}
        label="Severity"
        value={filter.severity ?? ''}
        onChange={value =>
          onChange({
            ...filter,
            severity: (value || undefined) as GuardrailSeverity | undefined,
          })
        }
        allLabel="All severities"
        options={GUARDRAIL_SEVERITIES}
      />
    </Box>
  );
}
