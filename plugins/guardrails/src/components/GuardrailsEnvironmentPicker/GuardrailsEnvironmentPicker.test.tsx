import { ApiHolder } from '@backstage/core-plugin-api';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { environmentList } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { GuardrailsApi, guardrailsApiRef } from '../../api/GuardrailsApi';
import { GuardrailsEnvironmentPicker } from './GuardrailsEnvironmentPicker';
import { GuardrailsEnvironmentPickerValue } from './schema';
import { validateGuardrailsEnvironmentChoice } from './validation';

function Field(props: {
  initial?: Partial<GuardrailsEnvironmentPickerValue>;
  environments?: string[];
  onValue?: (value: GuardrailsEnvironmentPickerValue) => void;
}) {
  const [value, setValue] = useState(props.initial);
  const fieldProps = {
    formData: value,
    onChange: (next: GuardrailsEnvironmentPickerValue) => {
      setValue(next);
      props.onValue?.(next);
    },
    schema: {
      title: 'Where it runs',
      description: 'The environment and size of the namespace',
    },
    uiSchema: props.environments
      ? { 'ui:options': { environments: props.environments } }
      : {},
    rawErrors: [],
    required: true,
    idSchema: { $id: 'root_target' },
  };
  return <GuardrailsEnvironmentPicker {...(fieldProps as any)} />;
}

describe('GuardrailsEnvironmentPicker', () => {
  const api: Partial<GuardrailsApi> = {
    getEnvironments: async () => environmentList,
  };

  it('shows each environment with its enforcement summary', async () => {
    await renderWithApi(<Field />, api, { entity: null });
    const group = await screen.findByRole('radiogroup', {
      name: 'Where it runs',
    });
    const dev = within(group).getByRole('radio', { name: /Development/ });
    const prod = within(group).getByRole('radio', { name: /Production/ });
    expect(prod).toHaveAccessibleDescription(
      'Guardrails now: 7 block · 3 warn · 1 observe; Pod Security restricted; clusters prod-eu-1, prod-us-1',
    );
    expect(dev).toHaveAccessibleDescription(
      'Guardrails now: 0 block · 6 warn · 4 observe · 1 not enforced; Pod Security baseline; clusters dev-1',
    );
  });

  it('sets environment and size and shows the quota of the chosen size', async () => {
    const onValue = jest.fn();
    await renderWithApi(<Field onValue={onValue} />, api, { entity: null });
    await userEvent.click(
      await screen.findByRole('radio', { name: /Production/ }),
    );
    expect(onValue).toHaveBeenLastCalledWith({ environment: 'prod', size: '' });
    await userEvent.selectOptions(screen.getByLabelText(/Size/), 'large');
    expect(onValue).toHaveBeenLastCalledWith({
      environment: 'prod',
      size: 'large',
    });
    const quota = screen.getByRole('table', {
      name: 'Quota of size large in prod',
    });
    expect(quota).toHaveTextContent('Namespace quota requests.cpu16');
    expect(quota).toHaveTextContent('Maximum per container: cpu8');
  });

  it('keeps a size the new environment offers and picks the only size when there is one', async () => {
    const onValue = jest.fn();
    await renderWithApi(
      <Field
        onValue={onValue}
        initial={{ environment: 'prod', size: 'small' }}
      />,
      api,
      {
        entity: null,
      },
    );
    await userEvent.click(
      await screen.findByRole('radio', { name: /Development/ }),
    );
    expect(onValue).toHaveBeenLastCalledWith({
      environment: 'dev',
      size: 'small',
    });
    await userEvent.click(screen.getByRole('radio', { name: /Production/ }));
    await userEvent.selectOptions(screen.getByLabelText(/Size/), 'large');
    await userEvent.click(screen.getByRole('radio', { name: /Development/ }));
    expect(onValue).toHaveBeenLastCalledWith({
      environment: 'dev',
      size: 'small',
    });
  });

  it('offers only the environments the template allows', async () => {
    await renderWithApi(<Field environments={['prod']} />, api, {
      entity: null,
    });
    await screen.findByRole('radio', { name: /Production/ });
    expect(
      screen.queryByRole('radio', { name: /Development/ }),
    ).not.toBeInTheDocument();
  });

  it('shows why environments could not be loaded', async () => {
    await renderWithApi(
      <Field />,
      {
        getEnvironments: async () => Promise.reject(new Error('backend down')),
      },
      { entity: null },
    );
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});

describe('validateGuardrailsEnvironmentChoice', () => {
  async function validate(
    value: Partial<GuardrailsEnvironmentPickerValue> | undefined,
    options: { api?: Partial<GuardrailsApi>; allowed?: string[] } = {},
  ) {
    const addError = jest.fn();
    const api = options.api ?? { getEnvironments: async () => environmentList };
    const apiHolder: ApiHolder = {
      get: (ref =>
        ref.id === guardrailsApiRef.id ? api : undefined) as ApiHolder['get'],
    };
    await validateGuardrailsEnvironmentChoice(
      value as GuardrailsEnvironmentPickerValue,
      { addError } as any,
      {
        apiHolder,
        formData: {},
        schema: {},
        uiSchema: options.allowed
          ? { 'ui:options': { environments: options.allowed } }
          : {},
      },
    );
    return addError.mock.calls.map(call => call[0]);
  }

  it('accepts a configured environment with one of its sizes', async () => {
    expect(await validate({ environment: 'prod', size: 'large' })).toEqual([]);
  });

  it('requires an environment', async () => {
    expect(await validate(undefined)).toEqual(['Choose an environment.']);
    expect(await validate({ environment: '', size: 'small' })).toEqual([
      'Choose an environment.',
    ]);
  });

  it('requires a size', async () => {
    expect(await validate({ environment: 'prod', size: '' })).toEqual([
      'Choose a size for prod.',
    ]);
  });

  it('refuses a size that the environment does not offer', async () => {
    expect(await validate({ environment: 'dev', size: 'large' })).toEqual([
      'Size "large" does not exist in dev; choose one of: small.',
    ]);
  });

  it('refuses an unknown environment or one the template does not allow', async () => {
    expect(await validate({ environment: 'qa', size: 'small' })).toEqual([
      'Environment "qa" is not offered here; choose one of: dev, prod.',
    ]);
    expect(
      await validate(
        { environment: 'dev', size: 'small' },
        { allowed: ['prod'] },
      ),
    ).toEqual(['Environment "dev" is not offered here; choose one of: prod.']);
  });

  it('reports when the environments cannot be read', async () => {
    expect(
      await validate(
        { environment: 'prod', size: 'small' },
        {
          api: {
            getEnvironments: async () =>
              Promise.reject(new Error('backend down')),
          },
        },
      ),
    ).toEqual(['Could not check the environment: backend down']);
  });
});
