import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spec } from '../../schema/openapi';

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(JSON.parse(JSON.stringify(spec)), 'spec');

/**
 * The errors of a response body against what the spec documents for the route and status; a status the spec does
 * not document is an error too.
 */
export function specErrors(
  method: 'get' | 'post',
  path: string,
  status: number,
  body: unknown,
): unknown[] {
  const responses = (spec.paths as any)[path]?.[method]?.responses;
  let response = responses?.[String(status)];
  if (!response) return [`${method} ${path} does not document ${status}`];
  if (response.$ref) {
    response = ajv.getSchema(`spec${response.$ref}`)?.schema;
  }
  const schema = JSON.parse(
    JSON.stringify(response.content['application/json'].schema).replace(
      /"#\/components/g,
      '"spec#/components',
    ),
  );
  const validate = ajv.compile(schema);
  return validate(body) ? [] : validate.errors ?? [];
}
