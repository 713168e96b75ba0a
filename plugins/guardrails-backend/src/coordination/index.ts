export { ClusterLeases } from './ClusterLeases';
export type { ClusterLeasesOptions } from './ClusterLeases';
export { RelistRequests } from './RelistRequests';
