/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openApplication, packageRoot, readJsonFile, settingsFromEnv } from '@sakip/application';
import { freePort, serve } from './http-load';

/**
 * `npm run bench:web`: the web application in Debian's Chromium against `sakip serve` (PGlite, the Karanganyar
 * sample) on 127.0.0.1 — first load of each page (navigation to the page's content visible, empty cache),
 * then the grouped findings list with 10 000 findings: time from a filter change to the list redrawn, and
 * frame times while scrolling. Prints the figures as JSON on stdout.
 */
const CHROMIUM = process.env.SAKIP_CHROMIUM ?? '/usr/bin/chromium';
const SAMPLE = join(packageRoot(), 'fixtures', 'karanganyar-renstra-2024-2026.json');
const ORG = 'dinsos-karanganyar';
const FINDINGS = 10_000;
const log = (text: string) => process.stderr.write(`${text}\n`);

async function prepare(env: NodeJS.ProcessEnv): Promise<{ key: string; document: string }> {
  const app = await openApplication(settingsFromEnv(env), { applicationName: 'sakip-bench-web' });
  try {
    const caller = { actor: { id: 'bench', kind: 'system' as const }, correlationId: 'bench-web' };
    const sample = await readJsonFile(SAMPLE);
    if (!sample.ok) throw new Error('the sample bundle cannot be read');
    const summary = await app.bundles.import(sample.value, caller);
    const issued = await app.keys.issue({ role: 'admin', label: 'bench web' }, caller);
    return { key: issued.token, document: summary.documentId };
  } finally {
    await app.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const round = (value: number) => Math.round(value * 10) / 10;

async function signedInPage(browser: Browser, url: string, key: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  // The key as the sign-in page leaves it (sessionStorage), set before the page's own scripts run.
  await context.addInitScript(
    ([token, me]) => {
      sessionStorage.setItem('sakip.key', token);
      sessionStorage.setItem('sakip.me', me);
    },
    [key, JSON.stringify({ role: 'admin', organisations: [], label: 'bench web' })] as const,
  );
  const page = await context.newPage();
  await page.goto(`${url}/health`);
  return page;
}

/** Navigation start to the page's content visible, in a fresh context (empty cache), median of runs. */
async function firstLoad(
  browser: Browser,
  url: string,
  key: string,
  path: string,
  ready: string,
): Promise<number> {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const page = await signedInPage(browser, url, key);
    const started = performance.now();
    await page.goto(`${url}${path}`);
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    runs.push(performance.now() - started);
    await page.context().close();
  }
  return round(median(runs));
}

async function findingsList(browser: Browser, url: string, key: string) {
  const page = await signedInPage(browser, url, key);
  const started = await page.evaluate(
    async ([token]) => {
      const response = await fetch('/evaluations', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify({ year: 2025 }),
      });
      return (await response.json()) as { batchId: string };
    },
    [key] as const,
  );
  // The sample's batch has a few hundred findings: the list is given 10 000 (the real ones repeated, over 40
  // organisations) by answering the page's findings request in the browser, so the figure is the page's own.
  await page.route(/\/evaluations\/[^/]+\/findings\?/, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as {
      findings: { id: string; subject: { organisationId: string } }[];
    };
    const findings = Array.from({ length: FINDINGS }, (_, index) => {
      const finding = body.findings[index % body.findings.length]!;
      return {
        ...finding,
        id: String(index),
        subject: { ...finding.subject, organisationId: `${finding.subject.organisationId}-${index % 40}` },
      };
    });
    await route.fulfill({ json: { total: findings.length, findings } });
  });
  const loadStarted = performance.now();
  await page.goto(`${url}/batches/${started.batchId}`);
  await page.getByTestId('finding-group').first().waitFor({ timeout: 120_000 });
  const batchPageMs = performance.now() - loadStarted;
  // Every group opened: the list holds 10 000 finding rows.
  await page.evaluate(() => {
    for (const button of document.querySelectorAll<HTMLElement>(
      '[data-testid=finding-group][aria-expanded=false]',
    ))
      button.click();
  });
  await page.waitForTimeout(500);
  for (let round = 0; round < 5; round++) {
    const closed = await page.locator('[data-testid=finding-group][aria-expanded=false]').count();
    if (closed === 0) break;
    await page.locator('[data-testid=finding-group][aria-expanded=false]').first().click();
  }

  // Filter: a character typed into the message filter until the count and the list are redrawn (next frame).
  const filterMs: number[] = [];
  // Each value changes the count shown (a filter that changes nothing would only wait for the ceiling).
  for (const text of ['tidak ada teks seperti ini', '', 'IKU', '', 'target', '']) {
    filterMs.push(
      await page.evaluate(async (value) => {
        const input = [...document.querySelectorAll<HTMLInputElement>('input')].find(
          (element) => element.labels?.[0]?.textContent?.trim() === 'Pesan',
        )!;
        const count = document.querySelector('[data-testid=findings-count]')!;
        const before = count.textContent;
        // React tracks the value it set: the prototype's setter makes the change visible to onChange.
        const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
        const started = performance.now();
        // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its receiver just here
        Reflect.apply(descriptor.set!, input, [value]);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise<void>((resolve) => {
          const check = () => (count.textContent !== before ? resolve() : requestAnimationFrame(check));
          requestAnimationFrame(check);
          setTimeout(resolve, 10_000);
        });
        await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
        return performance.now() - started;
      }, text),
    );
  }

  // Scroll: 240 frames, 120 px a frame through the list; the time between frames shows jank.
  const frames = await page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('[data-testid=findings-scroller]')!;
    const times: number[] = [];
    let last = performance.now();
    for (let frame = 0; frame < 240; frame++) {
      scroller.scrollTop += 120;
      await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return {
      times,
      rows: scroller.querySelectorAll('[role=listitem]').length,
      height: scroller.scrollHeight,
    };
  });
  const count = await page.getByTestId('findings-count').textContent();
  await page.context().close();
  return {
    findings: FINDINGS,
    shown: count,
    batchPageMs: round(batchPageMs),
    filterMedianMs: round(median(filterMs)),
    filterMaxMs: round(Math.max(...filterMs)),
    scrollFrameMedianMs: round(median(frames.times)),
    scrollFrameP95Ms: round(percentile(frames.times, 95)),
    scrollFramesOver50Ms: frames.times.filter((time) => time > 50).length,
    rowsInDom: frames.rows,
  };
}

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(join(packageRoot(), 'dist', 'web', 'index.html')))
    throw new Error('dist/web is missing: npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'sakip-bench-web-'));
  const env = { ...process.env, SAKIP_DATA_DIR: dir, DATABASE_URL: '' };
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    const { key, document } = await prepare(env);
    const port = await freePort();
    server = await serve(env, port);
    const url = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    // Warm the server (projections caught up) before timing the pages.
    const warm = await signedInPage(browser, url, key);
    await warm.goto(`${url}/indicator/${ORG}:S1-I1`);
    await warm.getByTestId('periods').waitFor({ timeout: 60_000 });
    await warm.context().close();
    log('web bench: first loads');
    const pages: Record<string, number> = {
      home: await firstLoad(browser, url, key, '/', '[data-testid=signed-in-as]'),
      organisations: await firstLoad(browser, url, key, '/organisation', 'table a'),
      tree: await firstLoad(browser, url, key, `/organisation/${ORG}/document/${document}`, 'ul a'),
      indicator: await firstLoad(browser, url, key, `/indicator/${ORG}:S1-I1`, '[data-testid=chart] svg'),
      batches: await firstLoad(browser, url, key, '/batches', '[data-testid=batches]'),
      rules: await firstLoad(browser, url, key, '/admin/rules', '[data-testid=rules]'),
      ruleEditor: await firstLoad(browser, url, key, '/admin/rules/new', '.cm-content'),
      keys: await firstLoad(browser, url, key, '/admin/keys', 'table'),
    };
    log('web bench: 10 000 findings');
    const list = await findingsList(browser, url, key);
    process.stdout.write(`${JSON.stringify({ firstLoadMs: pages, findingsList: list }, null, 2)}\n`);
  } finally {
    await browser?.close();
    if (server) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
