import { ApiHolder } from '@backstage/core-plugin-api';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { guardrailList, privileged } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { GuardrailsApi, guardrailsApiRef } from '../../api/GuardrailsApi';
import { GuardrailParameterPicker } from './GuardrailParameterPicker';
import { validateGuardrailParameterChoice } from './validation';

const regions: ApiGuardrail = {
  ...privileged,
  id: 'claim.allowed-regions',
  title: 'Databases run in approved regions',
  params: { regions: ['eu-west-1', 'eu-central-1'], note: 'text' },
};

const api: Partial<GuardrailsApi> = {
  getGuardrails: async () => ({
    ...guardrailList,
    guardrails: [...guardrailList.guardrails, regions],
  }),
};

const regionOptions = {
  guardrail: 'claim.allowed-regions',
  parameter: 'regions',
};

function Field(props: {
  initial?: string;
  options?: Record<string, string>;
  onValue?: (value: string) => void;
}) {
  const [value, setValue] = useState(props.initial);
  const fieldProps = {
    formData: value,
    onChange: (next: string) => {
      setValue(next);
      props.onValue?.(next);
    },
    schema: { title: 'Region', description: 'Where the database runs.' },
    uiSchema: { 'ui:options': props.options ?? regionOptions },
    rawErrors: [],
    required: true,
    idSchema: { $id: 'root_databaseRegion' },
  };
  return <GuardrailParameterPicker {...(fieldProps as any)} />;
}

describe('GuardrailParameterPicker', () => {
  it("offers exactly the values of the guardrail's parameter and says which guardrail allows them", async () => {
    const onValue = jest.fn();
    await renderWithApi(<Field onValue={onValue} />, api, { entity: null });
    const select = await screen.findByRole('combobox', { name: /Region/ });
    expect(
      Array.from((select as HTMLSelectElement).options)
        .filter(o => !o.disabled)
        .map(o => o.value),
    ).toEqual(['eu-west-1', 'eu-central-1']);
    expect(select).toHaveAccessibleDescription(
      'Where the database runs. Allowed by guardrail claim.allowed-regions: Databases run in approved regions.',
    );
    await userEvent.selectOptions(select, 'eu-central-1');
    expect(onValue).toHaveBeenLastCalledWith('eu-central-1');
  });

  it('shows a value the guardrail refuses as not allowed, never as a valid choice', async () => {
    await renderWithApi(<Field initial="us-east-1" />, api, { entity: null });
    const select = await screen.findByRole('combobox', { name: /Region/ });
    expect(select).toHaveValue('us-east-1');
    expect(
      screen.getByRole('option', { name: 'us-east-1 (not allowed)' }),
    ).toBeDisabled();
    expect(select).toHaveAttribute('aria-invalid', 'true');
  });

  it.each([
    [
      { guardrail: 'claim.unknown', parameter: 'regions' },
      /Guardrail claim.unknown is not in the platform's pack/,
    ],
    [
      { guardrail: 'claim.allowed-regions', parameter: 'zones' },
      /has no parameter zones/,
    ],
    [
      { guardrail: 'claim.allowed-regions', parameter: 'note' },
      /Parameter note of guardrail claim.allowed-regions is not a list/,
    ],
    [{}, /does not say which guardrail parameter/],
  ])(
    'offers nothing when the allowed values are unknown (%j)',
    async (options, message) => {
      await renderWithApi(<Field options={options} />, api, { entity: null });
      expect(await screen.findByRole('alert')).toHaveTextContent(message);
      expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    },
  );

  it('shows why the guardrails could not be loaded', async () => {
    await renderWithApi(
      <Field />,
      { getGuardrails: async () => Promise.reject(new Error('backend down')) },
      { entity: null },
    );
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });
});

describe('validateGuardrailParameterChoice', () => {
  async function validate(
    value: string | undefined,
    options: {
      api?: Partial<GuardrailsApi>;
      uiOptions?: Record<string, string>;
    } = {},
  ) {
    const addError = jest.fn();
    const used = options.api ?? api;
    const apiHolder: ApiHolder = {
      get: (ref =>
        ref.id === guardrailsApiRef.id ? used : undefined) as ApiHolder['get'],
    };
    await validateGuardrailParameterChoice(
      value as string,
      { addError } as any,
      {
        apiHolder,
        formData: {},
        schema: {},
        uiSchema: { 'ui:options': (options.uiOptions ?? regionOptions) as any },
      },
    );
    return addError.mock.calls.map(call => call[0]);
  }

  it('accepts an allowed value', async () => {
    expect(await validate('eu-west-1')).toEqual([]);
  });

  it('refuses a value the guardrail does not allow, naming the allowed ones', async () => {
    expect(await validate('us-east-1')).toEqual([
      '"us-east-1" is not allowed by guardrail claim.allowed-regions; choose one of: eu-west-1, eu-central-1.',
    ]);
  });

  it('leaves an empty value to the schema', async () => {
    expect(await validate(undefined)).toEqual([]);
    expect(await validate('')).toEqual([]);
  });

  it('refuses any value when the allowed values are unknown', async () => {
    expect(
      await validate('eu-west-1', {
        uiOptions: { guardrail: 'claim.unknown', parameter: 'regions' },
      }),
    ).toEqual([
      "Guardrail claim.unknown is not in the platform's pack, so the allowed values are unknown. Ask the platform team to load it, or the template's owner to name an existing guardrail.",
    ]);
  });

  it('reports when the guardrails cannot be read', async () => {
    expect(
      await validate('eu-west-1', {
        api: {
          getGuardrails: async () => Promise.reject(new Error('backend down')),
        },
      }),
    ).toEqual(['Could not check the value: backend down']);
  });
});
