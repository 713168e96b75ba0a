import { Box, TextField, makeStyles } from '@material-ui/core';
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
      <TextField
        id="guardrails-filter-environment"
        className={classes.select}
        select
        label="Environment"
        value={filter.environment ?? ''}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={e =>
          onChange({ ...filter, environment: e.target.value || undefined })
        }
      >
        <option value="">All environments</option>
        {environments.map(env => (
          <option key={env} value={env}>
            {env}
          </option>
        ))}
      </TextField>
      <TextField
        id="guardrails-filter-level"
        className={classes.select}
        select
        label="Level"
        value={filter.level ?? ''}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={e =>
          onChange({
            ...filter,
            level: (e.target.value || undefined) as
              | EnforcementLevel
              | undefined,
          })
        }
      >
        <option value="">All levels</option>
        {ENFORCEMENT_LEVELS.map(level => (
          <option key={level} value={level}>
            {level}
          </option>
        ))}
      </TextField>
      <TextField
        id="guardrails-filter-severity"
        className={classes.select}
        select
        label="Severity"
        value={filter.severity ?? ''}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={e =>
          onChange({
            ...filter,
            severity: (e.target.value || undefined) as
              | GuardrailSeverity
              | undefined,
          })
        }
      >
        <option value="">All severities</option>
        {GUARDRAIL_SEVERITIES.map(severity => (
          <option key={severity} value={severity}>
            {severity}
          </option>
        ))}
      </TextField>
    </Box>
  );
}
