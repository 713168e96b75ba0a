import { RequestAdmission } from '../admission/types';
import { ResourceType } from '../api/resources';
import { ObjectStore } from '../store/ObjectStore';
import { WatchHub } from '../watch/WatchHub';

/** A request for a resource, decoded from the HTTP request. */
export interface ResourceCall {
  method: string;
  rt: ResourceType;
  /** From the URL; undefined for cluster-scoped types and cross-namespace lists. */
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  body: unknown;
  contentType: string;
  accept?: string;
  userAgent?: string;
  store: ObjectStore;
  /** The cluster's open watches; absent where watches are not served (direct handler calls). */
  watches?: WatchHub;
  /** A watch through the legacy `/watch/` path prefix. */
  legacyWatch?: boolean;
  /** The request path, recorded for open watches. */
  path?: string;
  /** The caller, and where admission leaves warnings and audit annotations. */
  admission: RequestAdmission;
}
