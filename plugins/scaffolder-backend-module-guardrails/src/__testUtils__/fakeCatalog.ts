import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The fake catalog: its base URL (as discovery gives it), the entities it lists by ref, and the
 * requests it answered, each with the user the token was issued on behalf of and the plugin it
 * was issued for.
 */
export type FakeCatalog = Awaited<ReturnType<typeof startFakeCatalog>>;

type Answer = { status: number; body: unknown };

const notFound = (message: string): Answer => ({
  status: 404,
  body: { error: { name: 'NotFoundError', message } },
});

/**
 * A catalog that answers like Backstage's for what provisioning and the scaffolder read:
 * `POST /entities/by-refs` (null for what it does not list) and `GET /entities/by-name/...` (404
 * for what it does not list). Requests without a token are refused with 401.
 */
export async function startFakeCatalog(options: { entities?: Entity[] } = {}) {
  const entities = new Map<string, Entity>(
    (options.entities ?? []).map(e => [stringifyEntityRef(e), e]),
  );
  const requests: Array<{
    method: string;
    path: string;
    onBehalfOf?: string;
    target?: string;
  }> = [];

  function answer(method: string, route: string, body: any): Answer {
    if (method === 'POST' && route === '/entities/by-refs') {
      const refs = body.entityRefs as string[];
      return {
        status: 200,
        body: { items: refs.map(ref => entities.get(ref) ?? null) },
      };
    }
    const byName = route.match(
      /^\/entities\/by-name\/([^/]+)\/([^/]+)\/([^/]+)$/,
    );
    if (method === 'GET' && byName) {
      const [kind, namespace, name] = byName.slice(1).map(decodeURIComponent);
      const entity = entities.get(
        stringifyEntityRef({ kind, namespace, name }),
      );
      return entity
        ? { status: 200, body: entity }
        : notFound(`no ${kind}:${name}`);
    }
    return notFound(`${method} ${route}`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://catalog');
      const header = req.headers.authorization ?? '';
      const prefix = 'Bearer mock-service-token:';
      const claims = header.startsWith(prefix)
        ? JSON.parse(header.slice(prefix.length))
        : undefined;
      const method = req.method ?? 'GET';
      requests.push({
        method,
        path: `${url.pathname}${url.search}`,
        onBehalfOf: claims?.obo,
        target: claims?.target,
      });
      const raw = Buffer.concat(chunks).toString('utf8');
      const { status, body } = header
        ? answer(
            method,
            url.pathname.replace(/^\/api\/catalog/, ''),
            raw ? JSON.parse(raw) : {},
          )
        : {
            status: 401,
            body: {
              error: { name: 'AuthenticationError', message: 'no token' },
            },
          };
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/catalog`,
    requests,
    entities,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
