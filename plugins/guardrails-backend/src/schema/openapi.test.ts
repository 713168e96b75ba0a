import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

describe('OpenAPI description', () => {
  it('documents exactly the routes the router serves', () => {
    const spec = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));
    const router = readFileSync(join(__dirname, '../service/router.ts'), 'utf8');
    const served = [...router.matchAll(/router\.(get|post)\('([^']+)'/g)]
      .map(([, method, path]) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([path, methods]) => Object.keys(methods).map(method => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(served);
  });
});
