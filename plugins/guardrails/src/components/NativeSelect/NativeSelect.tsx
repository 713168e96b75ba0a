import { TextField } from '@material-ui/core';

/** One choice of a {@link NativeSelect}: a value shown as itself, or a value with its label. */
export type NativeSelectOption =
  | string
  | { value: string | number; label: string };

/**
 * A labelled native `<select>` in the Material UI look: keyboard- and screen-reader-friendly as the browser makes
 * it, and cheap with long lists (every guardrail of a pack).
 */
export function NativeSelect(props: {
  id: string;
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  options: ReadonlyArray<NativeSelectOption>;
  /** Label of a first option with an empty value that stands for no filter, e.g. "All environments". */
  allLabel?: string;
  className?: string;
  disabled?: boolean;
}) {
  return (
    <TextField
      id={props.id}
      className={props.className}
      select
      label={props.label}
      value={props.value}
      disabled={props.disabled}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      onChange={e => props.onChange(e.target.value)}
    >
      {props.allLabel !== undefined && (
        <option value="">{props.allLabel}</option>
      )}
      {props.options.map(option => {
        const { value, label } =
          typeof option === 'string'
            ? { value: option, label: option }
            : option;
        return (
          <option key={value} value={value}>
            {label}
          </option>
        );
      })}
    </TextField>
  );
}
