import { render, waitFor } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the portal shell with guest sign-in', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Guardrails test portal' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(<App />);

    await waitFor(() => {
      expect(rendered.getByText(/Enter as a Guest User/)).toBeInTheDocument();
    });
  });
});
