import { render, screen, waitFor, within } from '@testing-library/react';
import App from './App';

// The config the CLI would inject at build time; no backend runs in this test.
const appConfig = [
  {
    context: 'test',
    data: {
      app: {
        title: 'Test',
        // Skip the guest sign-in page, which needs the auth backend.
        extensions: [{ 'sign-in-page:app': false }],
      },
      backend: { baseUrl: 'http://localhost:7007' },
      techdocs: {
        storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
      },
    },
  },
];

describe('App', () => {
  beforeEach(() => {
    process.env = {
      NODE_ENV: 'test',
      // The config loader reads the injected array, not a string.
      APP_CONFIG: appConfig as unknown as string,
    };
  });

  it('is created with the mlops plugin: its page is served and listed in the sidebar', async () => {
    window.history.pushState({}, '', '/mlops');
    render(App.createRoot());

    const sidebar = await screen.findByRole(
      'navigation',
      { name: 'sidebar nav' },
      { timeout: 10_000 },
    );
    expect(
      within(sidebar).getByRole('link', { name: 'Catalog' }),
    ).toHaveAttribute('href', '/catalog');
    expect(
      within(sidebar).getByRole('link', { name: 'ML Models' }),
    ).toHaveAttribute('href', '/mlops');
    // The page is loaded lazily (seconds on a busy machine), and the route tree may
    // render it again once more of the app has loaded: a heading found once can be
    // replaced before it is checked, so the check itself is retried.
    await waitFor(
      () =>
        expect(
          screen.getByRole('heading', { level: 1, name: 'ML Models' }),
        ).toBeInTheDocument(),
      { timeout: 25_000 },
    );
    expect(screen.queryByText('App startup failed')).not.toBeInTheDocument();
  }, 60_000);
});
