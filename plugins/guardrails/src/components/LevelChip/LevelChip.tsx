import { Chip, Tooltip, makeStyles } from '@material-ui/core';
import AutorenewIcon from '@material-ui/icons/Autorenew';
import BlockIcon from '@material-ui/icons/Block';
import VisibilityIcon from '@material-ui/icons/Visibility';
import WarningIcon from '@material-ui/icons/ReportProblemOutlined';
import { EnforcementLevel, LEVEL_DESCRIPTIONS } from '../../domain/levels';

// Each level has its own colour and icon, taken from the theme palette so that both light and dark themes keep
// readable contrast; the label is always written out, so colour is never the only signal.
const useStyles = makeStyles(theme => {
  const filled = (background: string) => ({
    backgroundColor: background,
    color: theme.palette.getContrastText(background),
    '& $icon': { color: theme.palette.getContrastText(background) },
  });
  return {
    icon: {},
    observe: {
      color: theme.palette.text.primary,
      borderColor: theme.palette.text.secondary,
    },
    warn: filled(theme.palette.warning.main),
    block: filled(theme.palette.error.dark),
    'auto-correct': filled(theme.palette.primary.main),
  };
});

const ICONS: Record<EnforcementLevel, typeof BlockIcon> = {
  observe: VisibilityIcon,
  warn: WarningIcon,
  block: BlockIcon,
  'auto-correct': AutorenewIcon,
};

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
  const classes = useStyles();
  const Icon = ICONS[level];
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
