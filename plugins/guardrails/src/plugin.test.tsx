import { renderInTestApp } from '@backstage/test-utils';
import {
  FieldExtensionOptions,
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { screen } from '@testing-library/react';
import {
  GuardrailsClient,
  GuardrailsEnvironmentPickerFieldExtension,
  guardrailsApiRef,
  guardrailsPlugin,
  validateGuardrailsEnvironmentChoice,
} from '.';

describe('guardrailsPlugin', () => {
  it('provides the guardrails API on discovery and fetch', () => {
    const factory = [...guardrailsPlugin.getApis()].find(
      f => f.api.id === guardrailsApiRef.id,
    );
    expect(factory).toBeDefined();
    const client = factory!.factory({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/guardrails' },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(GuardrailsClient);
  });

  it('registers the GuardrailsEnvironmentPicker field for the scaffolder', async () => {
    let found: FieldExtensionOptions[] = [];
    function Collect(props: { outlet: JSX.Element }) {
      found = useCustomFieldExtensions(props.outlet);
      return <span>collected</span>;
    }
    await renderInTestApp(
      <Collect
        outlet={
          <ScaffolderFieldExtensions>
            <GuardrailsEnvironmentPickerFieldExtension />
          </ScaffolderFieldExtensions>
        }
      />,
    );
    expect(screen.getByText('collected')).toBeInTheDocument();
    expect(found.map(f => f.name)).toEqual(['GuardrailsEnvironmentPicker']);
    expect(found[0].validation).toBe(validateGuardrailsEnvironmentChoice);
    expect(found[0].schema?.returnValue).toMatchObject({
      type: 'object',
      required: ['environment', 'size'],
      properties: { environment: { type: 'string' }, size: { type: 'string' } },
    });
  });
});
