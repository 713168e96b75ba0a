import { Chip, Tooltip } from '@material-ui/core';
import { EnforcementLevel, LEVEL_DESCRIPTIONS } from '../../domain/levels';
import { LEVEL_ICONS, useLevelStyles } from './levelStyles';

/**
 * An enforcement level as a chip.
 *
 * @public
 */
export function LevelChip(props: {
  level: EnforcementLevel;
  size?: 'small' | 'medium';
}) {
  const { level, size = 'small' } = props;
  const classes = useLevelStyles();
  const Icon = LEVEL_ICONS[level];
  return (
    <Tooltip title={LEVEL_DESCRIPTIONS[level]}>
      <Chip
        size={size}
        variant={level === 'observe' ? 'outlined' : 'default'}
        className={classes[level]}
        classes={{ icon: classes.icon }}
        icon={<Icon fontSize="small" aria-hidden />}
        label={level}
        data-level={level}
      />
    </Tooltip>
  );
}
