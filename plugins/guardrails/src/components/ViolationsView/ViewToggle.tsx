import { Button, ButtonGroup } from '@material-ui/core';

/** How the violations are laid out: one row per guardrail, or one row per violation. */
export type ViolationsLayout = 'grouped' | 'flat';

const LAYOUTS: Array<{ value: ViolationsLayout; label: string }> = [
  { value: 'grouped', label: 'By guardrail' },
  { value: 'flat', label: 'Every violation' },
];

/** Two pressed-or-not buttons choosing the layout. */
export function ViewToggle(props: {
  value: ViolationsLayout;
  onChange: (value: ViolationsLayout) => void;
}) {
  return (
    <ButtonGroup size="small" color="primary" aria-label="Show violations">
      {LAYOUTS.map(({ value, label }) => (
        <Button
          key={value}
          variant={props.value === value ? 'contained' : 'outlined'}
          aria-pressed={props.value === value}
          onClick={() => props.onChange(value)}
        >
          {label}
        </Button>
      ))}
    </ButtonGroup>
  );
}
