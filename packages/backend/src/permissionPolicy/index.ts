export { permissionModulePortalPolicy as default } from './module';
export {
  PortalPermissionPolicy,
  OPEN_ENVIRONMENTS,
} from './PortalPermissionPolicy';
