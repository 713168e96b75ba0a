export { scaffolderModuleLocalPublishing as default } from './module';
