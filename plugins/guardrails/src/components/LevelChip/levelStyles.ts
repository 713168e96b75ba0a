import { makeStyles } from '@material-ui/core';
import AutorenewIcon from '@material-ui/icons/Autorenew';
import BlockIcon from '@material-ui/icons/Block';
import VisibilityIcon from '@material-ui/icons/Visibility';
import WarningIcon from '@material-ui/icons/ReportProblemOutlined';
import { EnforcementLevel } from '../../domain/levels';

// Each level has its own colour and icon, taken from the theme palette with the theme's contrast text so that
// both light and dark themes keep readable contrast; the level is always written out, so colour is never the
// only signal.
export const useLevelStyles = makeStyles(theme => {
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
      '& $icon': { color: theme.palette.text.primary },
    },
    warn: filled(theme.palette.warning.main),
    block: filled(theme.palette.error.dark),
    'auto-correct': filled(theme.palette.primary.main),
  };
});

export const LEVEL_ICONS: Record<EnforcementLevel, typeof BlockIcon> = {
  observe: VisibilityIcon,
  warn: WarningIcon,
  block: BlockIcon,
  'auto-correct': AutorenewIcon,
};
