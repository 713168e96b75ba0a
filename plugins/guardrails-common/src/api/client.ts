import { ResponseError } from '@backstage/errors';
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated';

// The REST contract's types, generated from the backend's OpenAPI spec (plugins/guardrails-backend/src/schema/openapi.yaml);
// the backend's validated router is typed with the same ones.
export type {
  paths as GuardrailsApiPaths,
  operations as GuardrailsApiOperations,
  components as GuardrailsApiComponents,
} from '../generated';

/**
 * A typed client of the guardrails REST API, generated from its OpenAPI spec: `client.get('/summary', ...)` takes
 * the parameters the spec declares and gives `{ data, response }` with the answer the spec describes.
 *
 * @public
 */
export interface GuardrailsRestClient {
  get: Client<paths>['GET'];
  post: Client<paths>['POST'];
}

/**
 * Creates a client of the guardrails backend at `baseUrl` (the plugin's base URL, from discovery). Answers other
 * than 2xx and 304 are raised as `ResponseError`, with the backend's error body; a 304 is returned as it came, for
 * conditional requests. `fetch` is where credentials come in: the frontend's `fetchApi.fetch`, or in a backend a
 * fetch that adds a service token.
 *
 * @public
 */
export function createGuardrailsRestClient(options: {
  baseUrl: string;
  fetch?: (request: Request) => Promise<Response>;
}): GuardrailsRestClient {
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: async request => {
      const response = await send(request);
      if (!response.ok && response.status !== 304) {
        throw await ResponseError.fromResponse(response);
      }
      return response;
    },
  });
  return { get: client.GET, post: client.POST };
}
