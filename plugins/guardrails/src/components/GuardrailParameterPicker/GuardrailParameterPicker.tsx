import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { FormControl, FormHelperText, TextField } from '@material-ui/core';
import { useGuardrailsData } from '../../hooks/useGuardrailsData';
import { allowedValues } from './allowedValues';
import type { GuardrailParameterPickerProps } from './schema';

/**
 * Template field offering exactly the values a guardrail's parameter allows, e.g. the regions of
 * `claim.allowed-regions`, read from the guardrails backend, so the form offers what the pre-flight accepts.
 *
 * @public
 */
export function GuardrailParameterPicker(props: GuardrailParameterPickerProps) {
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
  const options = uiSchema?.['ui:options'];
  const state = useGuardrailsData(api => api.getGuardrails(), []);
  const id = idSchema?.$id ?? 'guardrail-parameter';
  const label = schema.title ?? options?.parameter ?? 'Value';
  const hasError = (rawErrors?.length ?? 0) > 0;

  if (state.status === 'loading') {
    return <Progress />;
  }
  if (state.status === 'error') {
    return (
      <ResponseErrorPanel
        error={state.error}
        title={`Could not load the values allowed for ${label}`}
      />
    );
  }
  const allowed = allowedValues(
    state.value.guardrails,
    options?.guardrail,
    options?.parameter,
  );
  if ('problem' in allowed) {
    return (
      <FormControl error margin="normal" fullWidth>
        <FormHelperText id={`${id}-problem`} role="alert">
          {label}: {allowed.problem}
        </FormHelperText>
      </FormControl>
    );
  }
  const current = formData ?? '';
  // A value from a default or a URL that the guardrail refuses stays visible as such, never shown as a valid choice.
  const refused = current !== '' && !allowed.values.includes(current);
  const described = [
    schema.description,
    `Allowed by guardrail ${allowed.guardrail.id}: ${allowed.guardrail.title}.`,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <TextField
      id={id}
      select
      fullWidth
      margin="normal"
      label={label}
      required={required}
      disabled={disabled}
      error={hasError || refused}
      value={current}
      helperText={described}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      onChange={e => onChange(e.target.value)}
    >
      <option value="" disabled>
        Choose one
      </option>
      {refused && (
        <option value={current} disabled>
          {current} (not allowed)
        </option>
      )}
      {allowed.values.map(value => (
        <option key={value} value={value}>
          {value}
        </option>
      ))}
    </TextField>
  );
}
