export { permissionModulePortalPolicy as default } from './module';
export {
  PortalPermissionPolicy,
  OPEN_ENVIRONMENTS,
  PLATFORM_GROUP,
} from './PortalPermissionPolicy';
