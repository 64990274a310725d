// Run by DashboardBrowserTest: loads the live page in Debian's headless Chromium through Playwright, checks that the
// charts update, prints {"event":"ready"} and waits for the test to start a second reader, then waits for the group
// view to show it, saves a screenshot and prints {"event":"done", ...}.
// Arguments: page URL, screenshot path. Chromium from CHROMIUM, else /usr/bin/chromium.
const { chromium } = require('playwright-core');

async function main() {
  const [url, screenshot] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(url);
    await page.waitForFunction(() => window.dashboardState.points >= 16 && window.dashboardState.members >= 1, null, { timeout: 30000 });
    const first = await page.evaluate(() => ({ ...window.dashboardState, charts: Object.keys(Chart.instances).length }));
    await page.waitForFunction((seen) => window.dashboardState.points > seen, first.points, { timeout: 30000 });
    const plotted = await page.evaluate(() => Object.values(Chart.instances).map((c) => c.data.datasets[0].data.length));
    console.log(JSON.stringify({ event: 'ready', members: first.members, charts: first.charts }));

    await page.waitForFunction(() => document.querySelectorAll('#members .member').length >= 2
      && new Set(Object.values(window.dashboardState.owners)).size >= 2, null, { timeout: 60000 });
    const members = await page.$$eval('#members .member', (rows) => rows.map((r) => ({
      clientId: r.querySelector('.id').textContent, partitions: [...r.querySelectorAll('.chip')].map((c) => c.textContent),
      color: getComputedStyle(r).borderLeftColor })));
    const lagRows = await page.$$eval('#lag tbody tr', (rows) => rows.length);
    const injected = await page.evaluate(() => window.injected === true || document.querySelector('#members img, #lag img') !== null);
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(JSON.stringify({ event: 'done', charts: first.charts, plotted, members, lagRows, injected, errors }));
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
