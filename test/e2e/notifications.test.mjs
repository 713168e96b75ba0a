// Notices end to end, as the platform team meets them: the dev portal's own pack layer makes workload.min-replicas
// block in prod 10 days after the portal starts (search-indexer runs one replica there, and the platform team owns
// it). Within a few minutes of the first audit the guest, a member of that team, has the notice in the bell; it links
// to search-indexer's Guardrails tab, and the platform page's Rollout readiness tab lists the change with the objects
// it would block and the notice sent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { api, baseUrl, buildPortal, startPortal } from './portal.mjs';
import { launchBrowser } from './browser.mjs';
import { openSignedIn } from './session.mjs';
import { pollUntil } from './kube.mjs';

const GUARDRAIL = 'workload.min-replicas';
const TITLE = 'Production workloads must run at least two replicas';
const COMPONENT_TAB = `${baseUrl}/catalog/default/component/search-indexer/guardrails`;
// The first audit, then the notices task (every minute after 30 s), on a loaded machine.
const NOTICE_WITHIN_MS = 240_000;

/** The upcoming-block notice about search-indexer, as the notifications backend holds it for the guest. */
async function blockNotice() {
  const res = await api('/api/notifications/notifications?limit=50');
  return res.body?.notifications?.find(
    n =>
      n.payload.title.startsWith('Block in prod in ') &&
      n.payload.title.endsWith(`: ${TITLE}`) &&
      n.payload.link === COMPONENT_TAB,
  );
}

describe(
  'notices of an upcoming block reach the owners',
  { timeout: 900_000 },
  () => {
    let portal;
    let browser;
    let page;

    before(async () => {
      buildPortal();
      portal = await startPortal();
      browser = await launchBrowser();
      await pollUntil(
        'the upcoming-block notice of search-indexer',
        NOTICE_WITHIN_MS,
        blockNotice,
        2000,
      );
      page = await openSignedIn(browser);
    });

    after(async () => {
      await browser?.close();
      await portal?.stop();
    });

    it('shows the unread count in the bell, and the notice leads to the component’s Guardrails tab', async () => {
      const notice = await blockNotice();
      assert.ok(!notice.read, 'the notice is unread');

      await page.goto(`${baseUrl}/catalog`);
      // The sidebar shows the count when it opens, as it does under the pointer.
      const bell = page.getByRole('link', { name: 'Notifications' });
      await bell.hover();
      const unread = page.getByLabel('Unread notifications');
      await unread.waitFor();
      const count = Number((await unread.innerText()).trim().replace('+', ''));
      assert.ok(count >= 1, `unread count ${count}`);

      await bell.click();
      await page.waitForURL(`${baseUrl}/notifications**`);
      const link = page.getByRole('link', { name: notice.payload.title });
      await link.waitFor();
      // An absolute link opens in a new window, as Backstage opens links of notifications.
      const [opened] = await Promise.all([
        page
          .context()
          .waitForEvent('page', { timeout: 10_000 })
          .catch(() => page),
        link.click(),
      ]);
      await opened.waitForURL(COMPONENT_TAB);
      await opened.getByRole('region', { name: 'prod', exact: true }).waitFor();
      assert.match(
        await opened.locator('main').innerText(),
        new RegExp(TITLE),
        'the tab shows the guardrail the notice is about',
      );
      if (opened !== page) await opened.close();
    });

    it('lists the change on the Rollout readiness tab with its affected objects and the notice sent', async () => {
      await page.goto(`${baseUrl}/guardrails/readiness`);
      const change = page.getByRole('region', {
        name: `${TITLE} (${GUARDRAIL}): block in prod`,
      });
      await change.waitFor();
      const text = (await change.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /Date \d{4}-\d{2}-\d{2} \(in (9|10) days\)/);
      assert.match(text, /Level warn to block/);
      assert.match(text, /Owners (?!None)\S/);
      assert.match(text, /Notified \d+ notices?, the first on /);
      assert.doesNotMatch(text, /Data missing for cluster prod/);
      assert.ok(
        (await change
          .getByRole('img', {
            name: new RegExp(
              `Objects in violation of ${GUARDRAIL} in prod per day`,
            ),
          })
          .count()) +
          (await change.getByText(/burn-down is unknown, not zero/).count()) ===
          1,
        'a burn-down chart, or the words that none is recorded yet',
      );

      await change
        .getByRole('button', { name: /^Show the \d+ affected objects?$/ })
        .click();
      const objects = change.getByRole('table', {
        name: `Objects ${GUARDRAIL} at block would affect in prod`,
      });
      const rows = (await objects.getByRole('row').allInnerTexts())
        .slice(1)
        .map(row => row.replace(/\s+/g, ' '));
      assert.ok(
        rows.some(
          row => row.includes('search-indexer') && row.includes('Deployment'),
        ),
        rows.join('\n'),
      );
    });
  },
);
