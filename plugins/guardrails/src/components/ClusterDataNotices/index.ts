export { ClusterDataNotices } from './ClusterDataNotices';
