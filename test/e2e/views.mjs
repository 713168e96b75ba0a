// The pages and views the suite adds to the portal, each opened in a state that shows its parts (a group
// expanded, a what-if answered, a template choice made), with the element the suite renders there.
import { baseUrl } from './portal.mjs';

const TAB = `${baseUrl}/catalog/default/component/checkout-web/guardrails`;

/** The Guardrails tab's content: the innermost article that holds the environment cards. */
const tabContent = page =>
  page
    .locator('article')
    .filter({ has: page.getByRole('region', { name: 'prod', exact: true }) })
    .last();

const groupsTable = page =>
  page.getByRole('table', { name: 'Guardrail violations', exact: true });

const platformPage = page => page.locator('main');

const quotaUse = page =>
  page.getByRole('region', { name: 'Quota use in prod', exact: true });

/** Asks the what-if on its open tab: pod.no-privileged at block in prod; resolves when checkout-web is named. */
export async function answerWhatIf(page) {
  const form = page.getByRole('form', { name: 'What-if' });
  await form
    .getByLabel('Guardrail', { exact: true })
    .selectOption('pod.no-privileged');
  await form.getByLabel('Environment', { exact: true }).selectOption('prod');
  await form.getByLabel('Level', { exact: true }).selectOption('block');
  await page.getByRole('button', { name: 'Show impact' }).click();
  await page
    .getByRole('region', { name: 'What-if result' })
    .getByText(/checkout-web/)
    .first()
    .waitFor();
}

/** A tab of the platform Guardrails page, open once `loaded` resolves. */
const platformView = (name, path, loaded) => ({
  name: `platform page, ${name}`,
  async open(page) {
    await page.goto(`${baseUrl}/guardrails${path}`);
    await loaded(page);
  },
  root: platformPage,
});

export const VIEWS = [
  {
    name: 'Guardrails tab, by guardrail',
    async open(page) {
      await page.goto(TAB);
      await page.getByRole('table', { name: 'Fix first' }).waitFor();
      const groups = groupsTable(page);
      await groups.getByRole('button', { name: /more at observe$/ }).click();
      await groups
        .getByRole('button', { name: /^Show the \d+ violations? of / })
        .first()
        .click();
      await groups.getByText('Why this guardrail exists').waitFor();
    },
    root: tabContent,
  },
  {
    name: 'Guardrails tab, every violation',
    async open(page) {
      await page.goto(TAB);
      await groupsTable(page).waitFor();
      await page.getByRole('button', { name: 'Every violation' }).click();
      const flat = page.getByRole('table', {
        name: 'Guardrail violations, one per row',
      });
      await flat
        .getByRole('button', { name: /^Show details of / })
        .first()
        .click();
      await flat.getByText('Finding').waitFor();
    },
    root: tabContent,
  },
  {
    name: 'Guardrails tab, quota use',
    async open(page) {
      await page.goto(
        `${baseUrl}/catalog/default/component/inventory-service/guardrails`,
      );
      await quotaUse(page).getByRole('meter').first().waitFor();
    },
    root: page =>
      quotaUse(page).locator(
        'xpath=ancestor::div[contains(@class, "MuiCard-root")][1]',
      ),
  },
  {
    name: 'entity card',
    async open(page) {
      await page.goto(`${baseUrl}/catalog/default/component/checkout-web`);
      await page.getByText('Next stage change').waitFor();
    },
    root: page =>
      page
        .getByRole('table', { name: 'Guardrail compliance by environment' })
        .locator('xpath=ancestor::div[contains(@class, "MuiCard-root")][1]'),
  },
  platformView('overview', '', page =>
    page
      .getByRole('table', { name: 'Results by guardrail and environment' })
      .waitFor(),
  ),
  platformView('guardrail catalog', '/catalog', page =>
    page.getByRole('table', { name: 'Guardrail catalog' }).waitFor(),
  ),
  platformView('what-if', '/what-if', answerWhatIf),
  platformView('exemptions', '/exemptions', page =>
    page.waitForLoadState('networkidle'),
  ),
  platformView('enforcement', '/enforcement', page =>
    page.getByText('Next sync preview').waitFor(),
  ),
  platformView('budgets', '/budgets', page =>
    page.getByText(/^Estimates, not a bill/).waitFor(),
  ),
  {
    name: 'template field',
    async open(page) {
      await page.goto(`${baseUrl}/create/templates/default/guarded-namespace`);
      await page.getByRole('radio', { name: /Development/ }).check();
      await page.getByRole('combobox', { name: /^Size/ }).selectOption('small');
    },
    root: page => page.getByRole('group', { name: /Environment and size/ }),
  },
];
