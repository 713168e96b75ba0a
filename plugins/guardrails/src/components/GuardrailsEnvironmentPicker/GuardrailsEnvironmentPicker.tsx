import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  Box,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { useMemo } from 'react';
import type { ApiEnvironment } from '@guardrails-dev/plugin-guardrails-common';
import { useGuardrailsData } from '../../hooks/useGuardrailsData';
import type { GuardrailsEnvironmentPickerProps } from './schema';
import { SizeQuota } from './SizeQuota';
import { offeredEnvironments } from './validation';

const useStyles = makeStyles(theme => ({
  option: { alignItems: 'flex-start', margin: theme.spacing(0.5, 0) },
  optionText: { paddingTop: theme.spacing(1) },
  size: { minWidth: 200, marginTop: theme.spacing(2) },
}));

/** `3 block · 5 warn · 2 observe`: how many guardrails stop or flag work in the environment now. */
export function enforcementSummary(env: ApiEnvironment): string {
  const e = env.enforcement;
  const parts = [
    e['auto-correct'] ? `${e['auto-correct']} auto-correct` : '',
    `${e.block} block`,
    `${e.warn} warn`,
    `${e.observe} observe`,
    e.none ? `${e.none} not enforced` : '',
  ].filter(Boolean);
  return `Guardrails now: ${parts.join(' · ')}`;
}

/**
 * Template field for choosing where a namespace goes: each environment with how strictly guardrails are enforced
 * there, and the quota of the chosen size.
 *
 * @public
 */
export function GuardrailsEnvironmentPicker(
  props: GuardrailsEnvironmentPickerProps,
) {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    required,
    disabled,
    idSchema,
  } = props;
  const classes = useStyles();
  const state = useGuardrailsData(api => api.getEnvironments(), []);
  const allowed = uiSchema?.['ui:options']?.environments;
  const environments = useMemo(
    () =>
      state.status === 'loaded'
        ? offeredEnvironments(state.value.environments, allowed)
        : [],
    // The allowed list comes from the template; compare by content, not identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, JSON.stringify(allowed ?? [])],
  );
  const id = idSchema?.$id ?? 'guardrails-environment';
  const labelId = `${id}-label`;
  const chosen = environments.find(env => env.name === formData?.environment);
  const size = chosen?.sizes.find(s => s.name === formData?.size);
  const hasError = (rawErrors?.length ?? 0) > 0;

  const chooseEnvironment = (name: string) => {
    const next = environments.find(env => env.name === name);
    // Keep the size when the new environment offers it; pick the only size when there is just one.
    const keep = next?.sizes.some(s => s.name === formData?.size)
      ? formData?.size
      : undefined;
    const only = next?.sizes.length === 1 ? next.sizes[0].name : undefined;
    onChange({ environment: name, size: (keep ?? only ?? '') as string });
  };

  return (
    <FormControl
      component="fieldset"
      required={required}
      error={hasError}
      fullWidth
      margin="normal"
    >
      <FormLabel component="legend" id={labelId}>
        {schema.title ?? 'Environment'}
      </FormLabel>
      {schema.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      {state.status === 'loading' && <Progress />}
      {state.status === 'error' && (
        <ResponseErrorPanel
          error={state.error}
          title="Could not load the environments"
        />
      )}
      {state.status === 'loaded' && environments.length === 0 && (
        <Typography variant="body2">
          No environment is configured for guarded namespaces
          {allowed?.length ? ' among those this template allows' : ''}. A
          platform engineer configures them under guardrails.environments in
          app-config.
        </Typography>
      )}
      {environments.length > 0 && (
        <RadioGroup
          aria-labelledby={labelId}
          name={id}
          value={formData?.environment ?? ''}
          onChange={e => chooseEnvironment(e.target.value)}
        >
          {environments.map(env => (
            <FormControlLabel
              key={env.name}
              value={env.name}
              disabled={disabled}
              className={classes.option}
              control={
                <Radio
                  inputProps={{
                    'aria-describedby': `${id}-${env.name}-details`,
                  }}
                />
              }
              label={
                <Box className={classes.optionText}>
                  <Typography variant="body1">
                    {env.title}{' '}
                    <Typography component="span" variant="caption">
                      ({env.name})
                    </Typography>
                  </Typography>
                  <Typography variant="body2" id={`${id}-${env.name}-details`}>
                    {enforcementSummary(env)}; Pod Security {env.podSecurity};
                    clusters {env.clusters.join(', ')}
                  </Typography>
                </Box>
              }
            />
          ))}
        </RadioGroup>
      )}
      {chosen && (
        <>
          <TextField
            id={`${id}-size`}
            className={classes.size}
            select
            label="Size"
            required={required}
            disabled={disabled}
            value={formData?.size ?? ''}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            onChange={e =>
              onChange({ environment: chosen.name, size: e.target.value })
            }
          >
            <option value="" disabled>
              Choose a size
            </option>
            {chosen.sizes.map(s => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </TextField>
          {size && (
            <Box mt={1}>
              <SizeQuota size={size} environment={chosen.name} />
            </Box>
          )}
        </>
      )}
    </FormControl>
  );
}
