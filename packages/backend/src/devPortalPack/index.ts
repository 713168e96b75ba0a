export {
  DAYS_TO_BLOCK,
  DAYS_TO_EXPIRY,
  DEV_PORTAL_PACK_DIR,
  devPortalPack,
  writeDevPortalPack,
} from './writeDevPortalPack';
