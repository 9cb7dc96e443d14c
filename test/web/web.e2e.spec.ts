import { ikuWithoutFormulaRule } from '../support/rules';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  describeInBrowser,
  launchChromium,
  screenshot,
  seriousViolations,
  startWebServer,
  type WebServer,
} from './browser';

const ORG = 'dinsos-karanganyar';
const INDICATOR = `${ORG}:S1-I1`;

const draftRule = (severity: string) =>
  ikuWithoutFormulaRule({
    id: 'smart/web-iku-without-formula',
    title: { id: 'IKU tanpa formula (web)', en: 'Key indicator without formula (web)' },
    severity,
    examples: { fires: [{ iku: true, hasFormula: false }], doesNotFire: [{ iku: true, hasFormula: true }] },
  });

describeInBrowser('web application in Chromium', () => {
  // A browser, a server and a batch on a shared 2-core machine: each scenario gets two minutes.
  jest.setTimeout(120_000);
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // A page error or a CSP refusal in the console fails the test that caused it.
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused/.test(message.text()))
        problems.push(message.text());
    });
  });
  afterEach(async () => {
    await context.close();
    expect(problems.splice(0)).toEqual([]);
  });

  /** Signs in by keyboard only: the key field has focus after Tab, Enter submits. */
  async function signIn(key: string, tab: Page = page): Promise<void> {
    await tab.goto(`${server.url}/`);
    await tab.waitForURL(/\/sign-in$/);
    await tab.getByLabel('Kunci API').focus();
    await tab.keyboard.type(key);
    await tab.keyboard.press('Enter');
    await tab.waitForURL((url) => url.pathname === '/');
  }

  async function expectAccessible(name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
  }

  it('lets an inspector run a batch, open grouped findings and one finding, and follow it to the indicator', async () => {
    // Given an inspector key
    const key = await server.api.key('inspector');
    // When the inspector signs in
    await signIn(key);
    // Then the page shows the role the key grants
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('Inspektur');
    await expectAccessible('home');
    await screenshot(page, 'home');

    // When they start a batch for the sample (keyboard: the nav link, then the start button)
    await page.getByRole('navigation').getByRole('link', { name: 'Evaluasi' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/batches$/);
    await expectAccessible('batches');
    await page.getByLabel('Tahun evaluasi').fill('2025');
    await page.getByRole('button', { name: 'Mulai batch' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/batches\/[^/]+$/);

    // Then its progress ends with the draft LKE score per organisation
    await page.getByTestId('lke').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('lke').textContent()).resolves.toContain('Dinas Sosial');
    await page.getByTestId('finding-group').first().waitFor();
    await expectAccessible('batch');
    await screenshot(page, 'batch');

    // When they open a group of findings (keyboard) and one finding
    const group = page.getByTestId('finding-group').first();
    await group.focus();
    await page.keyboard.press('Enter');
    await expect(group.getAttribute('aria-expanded')).resolves.toBe('true');
    const findingLink = page.locator('[data-testid=findings-scroller] a').first();
    await findingLink.click();
    await page.waitForURL(/\/finding\/[^/]+$/);

    // Then the finding shows its evidence with its source, and links to the indicator
    await page.getByTestId('evidence').waitFor();
    await page.getByTestId('sources').waitFor();
    await expectAccessible('finding');
    await screenshot(page, 'finding');
    const indicatorLink = page.getByTestId('indicator-link').first();
    if ((await indicatorLink.count()) === 0) {
      // A finding about a node, not an indicator: any indicator finding of the batch has the link.
      await page.goBack();
      await page.getByTestId('findings-scroller').waitFor();
    } else {
      await indicatorLink.click();
      await page.waitForURL(/\/indicator\//);
      // And the indicator shows its chart and its history
      await page.locator('[data-testid=chart] svg').waitFor();
      await page.getByTestId('history').waitFor();
      await expectAccessible('indicator');
    }
  });

  it('lets a planner revise a target and see the history change; a stale form shows what changed meanwhile', async () => {
    // Given a planner of the organisation, on the indicator page
    const key = await server.api.key('planner', [ORG]);
    await signIn(key);
    await page.goto(`${server.url}/indicator/${encodeURIComponent(INDICATOR)}`);
    await page.getByTestId('history').waitFor();
    await page.locator('[data-testid=chart] svg').waitFor();
    await expectAccessible('indicator (planner)');
    // And a second tab (signed in on its own: the key lives in the tab's session) at the same version
    const other = await context.newPage();
    await signIn(key, other);
    await other.goto(`${server.url}/indicator/${encodeURIComponent(INDICATOR)}`);
    await other.getByLabel('Nilai baru').waitFor();

    // When the planner revises the 2026 target with a reason and a legal basis
    await page.getByLabel('Nilai baru').fill('84,5');
    await page.getByLabel('Alasan').fill('Penyesuaian RPJMD perubahan');
    await page.getByLabel('Dasar hukum').fill('Perbup Karanganyar 12/2025');
    await page.getByRole('button', { name: 'Simpan' }).click();

    // Then it is saved and the history tells why the target changed
    await page.getByText('Tersimpan.').waitFor();
    await page.getByTestId('history').getByText('Penyesuaian RPJMD perubahan').waitFor();
    await expect(page.getByTestId('periods').textContent()).resolves.toContain('84,5');
    await screenshot(page, 'indicator', 1500);

    // When the other tab, still at the old version, submits
    await other.getByLabel('Nilai baru').fill('90');
    await other.getByLabel('Alasan').fill('Usulan lain');
    await other.getByLabel('Dasar hukum').fill('Perbup 1/2026');
    await other.getByRole('button', { name: 'Simpan' }).click();
    // Then it is refused and shows what changed meanwhile
    const stale = other.getByTestId('stale');
    await stale.waitFor();
    await expect(stale.textContent()).resolves.toMatch(/diubah orang lain/);
  });

  it('lets an administrator write a rule, see a schema error, fix it, dry-run and publish it', async () => {
    const key = await server.api.key('admin');
    await signIn(key);
    await page.goto(`${server.url}/admin/rules`);
    await page.getByTestId('rules').waitFor();
    await expectAccessible('rules');
    await screenshot(page, 'rules');

    // When the administrator writes a rule with a severity the schema does not know
    await page.getByRole('link', { name: 'Aturan baru' }).click();
    await page.waitForURL(/\/admin\/rules\/new$/);
    const editor = page.locator('[data-testid=rule-editor] .cm-content');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(JSON.stringify(draftRule('extreme'), null, 2));
    // Then the check says what is wrong
    const check = page.getByTestId('rule-check');
    await check.getByText('Aturan belum sah:').waitFor();
    await expectAccessible('rule editor');
    await screenshot(page, 'rule-editor');

    // When they fix it
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(JSON.stringify(draftRule('high'), null, 2));
    await check.getByText('Aturan sah; semua contoh sesuai.').waitFor();

    // And dry-run it on the stored sample
    await page.getByLabel('Tahun').fill('2025');
    await page.getByRole('button', { name: 'Uji coba pada data tersimpan' }).click();
    await expect(page.getByTestId('dry-run').textContent()).resolves.toContain('Draf menemukan');

    // And publish it with a comment
    await page.getByLabel('Komentar (wajib)').fill('IKU wajib berformula');
    await page.getByRole('button', { name: 'Terbitkan' }).click();
    await page.getByText(/Aturan diterbitkan: versi aturan \d+/).waitFor();

    // Then the catalogue lists it as published
    await page.goto(`${server.url}/admin/rules`);
    const row = page.getByRole('row', { name: /smart\/web-iku-without-formula/ });
    await expect(row.textContent()).resolves.toContain('terbit');

    // And the keys page works
    await page.goto(`${server.url}/admin/keys`);
    await page.getByRole('button', { name: 'Buat kunci' }).waitFor();
    await expectAccessible('keys');
  });

  it('refuses an unauthorised action with a clear message', async () => {
    // Given an inspector in the rule editor
    const key = await server.api.key('inspector');
    await signIn(key);
    await page.goto(`${server.url}/admin/rules/new`);
    await page.getByLabel('Komentar (wajib)').fill('coba');
    // When they try to publish
    await page.getByRole('button', { name: 'Terbitkan' }).click();
    // Then the refusal says they are not allowed, in their language
    const alert = page.getByRole('alert').filter({ hasText: 'tidak berwenang' }).first();
    await alert.waitFor();
    // And an administrator page is refused too
    await page.goto(`${server.url}/admin/keys`);
    await page.getByText('Anda tidak berwenang untuk tindakan ini.').waitFor();
  });

  it('shows everyone the organisations, documents, tree, search and review pages without accessibility violations', async () => {
    const key = await server.api.key('viewer');
    const organisation = await server.api
      .http()
      .get(`/organisations/${ORG}`)
      .set({ Authorization: `Bearer ${key}` });
    const document = organisation.body.documents[0].documentId as string;
    await signIn(key);
    await page.goto(`${server.url}/organisation`);
    await page.getByRole('link', { name: 'Dinas Sosial Kabupaten Karanganyar' }).click();
    await page.getByRole('link', { name: /Rencana Strategis/ }).waitFor();
    await expectAccessible('organisation');
    await page.goto(`${server.url}/organisation/${ORG}/document/${document}`);
    // The tree opens and closes by keyboard
    const toggle = page.getByRole('button', { name: /Buka rincian: Meningkatkan perlindungan sosial/ });
    await page.getByRole('button', { name: 'Buka semua' }).click();
    await page.getByRole('link', { name: 'Angka Kemiskinan' }).first().waitFor();
    await expectAccessible('tree');
    await screenshot(page, 'tree');
    await page.getByRole('button', { name: 'Tutup semua' }).click();
    await page
      .getByRole('button', { name: /Buka rincian: Meningkatkan pemerataan/ })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    await toggle.waitFor();
    // Search by name
    await page.goto(`${server.url}/`);
    await page.getByLabel(/Cari organisasi/).fill('kemiskinan');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/find\?q=kemiskinan/);
    await page.getByRole('link', { name: 'Angka Kemiskinan' }).first().waitFor();
    await expectAccessible('search');
    await page.goto(`${server.url}/review`);
    await page.getByRole('button', { name: 'Tinjau' }).waitFor();
    await expectAccessible('review');
  });

  it('switches to English, with numbers and dates in the chosen locale', async () => {
    const key = await server.api.key('viewer');
    await signIn(key);
    await page.goto(`${server.url}/indicator/${encodeURIComponent(INDICATOR)}`);
    // Indonesian: 79,44 (decimal comma)
    await expect(page.getByTestId('periods').textContent()).resolves.toContain('79,44');
    await page.getByText('EN', { exact: true }).click();
    await page.getByText('Targets and realisations over the years').waitFor();
    await expect(page.getByTestId('periods').textContent()).resolves.toContain('79.44');
  });
});
