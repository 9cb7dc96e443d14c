/// <reference lib="dom" />
import { existsSync, readFileSync } from 'node:fs';
import { appendFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApi, type TestApi } from '@sakip/api/testing';
import { FIXTURE, ROOT } from '../support/cli';

/** Debian's Chromium (`apt-get install -y chromium`); never a browser downloaded by Playwright. */
export const CHROMIUM = process.env.SAKIP_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * A suite that needs the browser: skipped with the reason when /usr/bin/chromium is missing, unless CI is set
 * (then it fails, like PostgreSQL suites under SAKIP_REQUIRE_POSTGRES).
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`);
      });
    });
    return;
  }
  console.warn(`skipping "${name}": ${CHROMIUM} is missing (apt-get install -y chromium)`);
  const log = process.env.SAKIP_TEST_SKIPPED_LOG;
  if (log) appendFileSync(log, `${name}\n`);
  describe.skip(`${name} [Chromium missing]`, body);
}

export function launchChromium(): Promise<Browser> {
  // playwright-core gives every launch a fresh temporary profile (user data dir), removed on close.
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export interface WebServer {
  readonly api: TestApi;
  readonly url: string;
  close(): Promise<void>;
}

/** The API (which serves dist/web at /) on an in-memory store with the Karanganyar sample, on a free port. */
export async function startWebServer(): Promise<WebServer> {
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.html')))
    throw new Error('dist/web is missing: run npm run build (it builds the web application too)');
  const api = await startTestApi();
  const admin = await api.key('admin');
  await api
    .http()
    .post('/bundles')
    .set({ Authorization: `Bearer ${admin}` })
    .send(JSON.parse(readFileSync(FIXTURE, 'utf8')))
    .expect(200);
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  return { api, url: `http://127.0.0.1:${port}`, close: () => api.close() };
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays on). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** Screenshots for the README, written only when SAKIP_SCREENSHOTS=1 (npm run screenshots). */
export async function screenshot(page: Page, name: string, height?: number): Promise<void> {
  if (process.env.SAKIP_SCREENSHOTS !== '1') return;
  const viewport = page.viewportSize();
  // A taller window rather than a full-page capture: the fixed header and navigation stay in place.
  if (height && viewport) await page.setViewportSize({ width: viewport.width, height });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', `${name}.png`) });
  if (height && viewport) await page.setViewportSize(viewport);
}
