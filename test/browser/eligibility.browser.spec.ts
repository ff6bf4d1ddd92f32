// The built `fsm-billing-sync/eligibility` bundle in headless Chromium gives the same answers as
// Node for the rule tables. Run `npm run build` first; DIST_DIR points at another build.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as eligibility from '../../src/eligibility/index.js';
import { ELIGIBILITY_CASES, NOW, type EligibilityCase } from '../eligibility/eligibility-cases.js';
import { SWITCH_CASES } from '../eligibility/switch-cases.js';
import { runCases, runSwitchCases } from '../eligibility/table-runner.mjs';
import { serveStatic } from './static-server.js';

const DIST = process.env.DIST_DIR ?? 'dist';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// What a web page does: one module script importing the entry (docs/eligibility.md).
const PAGE = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>eligibility</title>
<script type="module">
  import * as eligibility from '/eligibility/index.js';
  import { runCases, runSwitchCases } from '/test/table-runner.mjs';
  window.check = {
    exports: Object.keys(eligibility).sort(),
    cases: (cases) => runCases(eligibility, cases),
    switches: (inputs) => runSwitchCases(eligibility, inputs),
  };
</script>`;

// Malformed input must fail the same way in both runtimes.
const MALFORMED: EligibilityCase[] = [
  { name: 'an org without app', orgs: [{ organizationId: '1', name: 'x' } as never], context: { now: NOW }, expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [] } },
];

let browser: Browser;
let page: Page;
let site: Awaited<ReturnType<typeof serveStatic>>;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(DIST, 'eligibility', 'index.js'))) throw new Error(`${DIST}/eligibility/index.js is missing: run \`npm run build\` first (or set DIST_DIR).`);
  site = await serveStatic({ page: PAGE, mounts: { '/': DIST, '/test/': 'test/eligibility' } });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${site.origin}/`);
  await page.waitForFunction('window.check !== undefined', undefined, { timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Calls a page function with JSON arguments (a string expression: nothing of ours is serialised). */
function inPage<T>(call: string, argument: unknown): Promise<T> {
  return page.evaluate(`window.check.${call}(${JSON.stringify(argument)})`) as Promise<T>;
}

describe('fsm-billing-sync/eligibility in headless Chromium', () => {
  it('loads with no page error and no missing file, exporting what Node exports', async () => {
    expect(await page.evaluate('window.check.exports')).toEqual(Object.keys(eligibility).sort());
    expect(pageErrors).toEqual([]);
    expect(site.misses).toEqual([]);
  });

  it(`evaluates the ${ELIGIBILITY_CASES.length}-row eligibility table exactly as Node does, messages included`, async () => {
    const browserAnswers = await inPage<unknown[]>('cases', ELIGIBILITY_CASES);
    expect(browserAnswers).toEqual(runCases(eligibility, ELIGIBILITY_CASES));
    browserAnswers.forEach((answer, index) => {
      const { expected, name } = ELIGIBILITY_CASES[index]!;
      const got = answer as { defaultChoice: string; books: string[]; invoice: string[]; ineligible: Array<{ id: string; codes: string[] }> };
      expect({ defaultChoice: got.defaultChoice, books: got.books, invoice: got.invoice, ineligible: got.ineligible.map(({ id, codes }) => ({ id, codes })) }, name).toEqual(expected);
    });
  });

  it('refuses malformed orgs with the same error code as Node', async () => {
    expect(await inPage('cases', MALFORMED)).toEqual([{ error: 'INVALID_INPUT' }]);
    expect(runCases(eligibility, MALFORMED)).toEqual([{ error: 'INVALID_INPUT' }]);
  });

  it(`evaluates the ${SWITCH_CASES.length}-row switch table exactly as Node does`, async () => {
    const inputs = SWITCH_CASES.map((c) => c.input);
    const browserCodes = await inPage<string[][]>('switches', inputs);
    expect(browserCodes).toEqual(runSwitchCases(eligibility, inputs));
    expect(browserCodes).toEqual(SWITCH_CASES.map((c) => c.codes));
  });
});
