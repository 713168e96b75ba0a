// A browser page signed in to the portal as the guest user, in the light or the dark theme.
import { baseUrl } from './portal.mjs';

/**
 * Opens a page at the given size and signs in as a person does it (the session then lasts for every page of the
 * run). `theme` is the user's choice of Backstage theme, which the app keeps in local storage.
 */
export async function openSignedIn(
  browser,
  { width = 1280, height = 800, theme } = {},
) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.setDefaultTimeout(30_000);
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByText(/My Company Catalog|Catalog/)
    .first()
    .waitFor();
  if (theme) {
    await page.evaluate(value => localStorage.setItem('theme', value), theme);
  }
  // Away from the sidebar, which opens over the page under the pointer.
  await page.mouse.move(width - 1, height - 1);
  return page;
}

/**
 * Makes the viewport as tall as the page's content so that a screenshot shows all of it (the portal scrolls
 * inside its own container, which a full-page screenshot does not unroll), runs `action`, and restores the size.
 */
export async function withFullHeight(page, action) {
  const size = page.viewportSize();
  const height = await page.evaluate(() =>
    Math.max(
      ...[...document.querySelectorAll('body *')].map(e => e.scrollHeight),
    ),
  );
  await page.setViewportSize({ width: size.width, height: height + 32 });
  try {
    return await action();
  } finally {
    await page.setViewportSize(size);
  }
}

/** `dark` or `light`: which theme the page shows, judged by the brightness of its background. */
export async function shownTheme(page) {
  const [r, g, b] = await page.evaluate(() =>
    getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number),
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
}
