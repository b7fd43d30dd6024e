// The content scripts' budgets (DESIGN.md rule 4), measured side by side in one run against
// the built extension (`npm run build` first: this reads .output/chrome-mv3) in headless
// Chromium:
//   1. each content script at most 15 KB gzipped;
//   2. main-thread script time on the saved Gmail thread page, with the extension vs without:
//      at most +20 ms;
//   3. from the thread view appearing to its fit shown in the in-page sidebar: at most 300 ms;
//   4. 10,000 DOM mutations outside the watched subtree: zero adapter callbacks, and their cost
//      with the watch on vs off and with the extension loaded vs not.
// The build is copied first, so a rebuild during the run cannot change what is measured. Two
// persistent profiles live through the whole run, one with the extension and one without;
// runs alternate between them (and between watch on and off). Medians of BENCH_RUNS (≥ 10).
//   npx tsx bench/overlay.ts
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumPath, extensionDir, makeProfile, removeProfile } from '../tests/e2e/extension';
import { fixture, hostCsp, navigateInPage, sidebarFrame } from '../tests/e2e/hosts';

const runs = Math.max(10, Number(process.env.BENCH_RUNS ?? 10));
const mutationCount = 10_000;
const settleMs = 2000;
const budgets = { contentScriptGzipBytes: 15 * 1024, scriptTimeDiffMs: 20, timeToFitMs: 300 };

const gmail = 'https://mail.google.com';
const threadHash = '#inbox/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB';
const sender = 'dana.whitfield@northwind-logistics.example'; // thread.html's contact, not the rep
// Each account path serves one saved page (the hash never reaches the server).
const paths = { thread: '/mail/u/0/', inbox: '/mail/u/1/', mutations: '/mail/u/2/' } as const;
const benchScript = '/mail/u/2/tandem-bench.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pick = <T>(xs: T[], key: keyof T) => xs.map((x) => x[key] as number);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

// ---------------------------------------------------------------------------------------------
// 1. Sizes of the built content scripts (of the copy that is then loaded).
if (!existsSync(join(extensionDir, 'manifest.json'))) {
  console.error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  process.exit(1);
}
const builtAt = statSync(join(extensionDir, 'manifest.json')).mtimeMs;
const newerSources = ['entrypoints', 'utils', 'components']
  .flatMap((dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)))
  .filter((file) => !/\.test\.tsx?$/.test(file) && statSync(file).mtimeMs > builtAt);
if (newerSources.length) {
  console.warn(`Warning: the build is older than ${newerSources.length} source file(s) (${newerSources.slice(0, 3).join(', ')}…): run \`npm run build\` for current figures.`);
}
// The page script of part 4 (bench/overlay.page.ts), bundled with the adapter it watches with.
const bundle = await build({ entryPoints: ['bench/overlay.page.ts'], bundle: true, write: false, format: 'iife', platform: 'browser', minify: true });
const pageScript = bundle.outputFiles[0]!.text;
const temps: string[] = [];
const extension = mkdtempSync(join(tmpdir(), 'tandem-bench-extension-'));
temps.push(extension);
cpSync(extensionDir, extension, { recursive: true });
if (!existsSync(join(extension, 'manifest.json')) || !existsSync(join(extension, 'content-scripts'))) {
  removeProfile(extension);
  console.error(`${extensionDir} changed while it was copied (a build running?): run the bench again.`);
  process.exit(1);
}

const contentScripts = readdirSync(join(extension, 'content-scripts'))
  .filter((f) => f.endsWith('.js'))
  .sort()
  .map((file) => {
    const bytes = readFileSync(join(extension, 'content-scripts', file));
    const gzipBytes = gzipSync(bytes, { level: 9 }).length;
    return { file: `content-scripts/${file}`, rawBytes: bytes.length, gzipBytes, met: gzipBytes <= budgets.contentScriptGzipBytes };
  });

// ---------------------------------------------------------------------------------------------
// The host pages, served at Gmail's real URL with a Gmail-like CSP (as the e2e tests do).
const pages: Record<string, string> = {
  [paths.thread]: fixture('gmail/thread.html'),
  [paths.inbox]: fixture('gmail/inbox.html'),
  [paths.mutations]: fixture('gmail/thread.html').replace('</body>', `<script nonce="tandemtest" src="${benchScript}"></script></body>`),
};
async function routeGmail(context: BrowserContext) {
  await context.route(`${gmail}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === benchScript) return route.fulfill({ status: 200, contentType: 'text/javascript', body: pageScript });
    const html = pages[path];
    if (html === undefined) return route.fulfill({ status: 404, body: 'not in the fixture set' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': hostCsp.gmail }, body: html });
  });
}

// The same flags for both profiles but the extension's (launchExtension's set).
const baseArgs = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const contexts: BrowserContext[] = [];
let cleaned = false;
async function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  await Promise.allSettled(contexts.map((c) => c.close()));
  for (const dir of temps) removeProfile(dir);
}
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
process.once('SIGTERM', () => void cleanUp().finally(() => process.exit(143)));

async function launch(withExtension: boolean): Promise<BrowserContext> {
  const profile = makeProfile();
  temps.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...(withExtension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : []), ...baseArgs],
  });
  contexts.push(context);
  if (withExtension && !context.serviceWorkers().length) await context.waitForEvent('serviceworker');
  await routeGmail(context);
  return context;
}

type Metrics = Record<string, number>;
async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value * 1000])); // durations in ms
}

/**
 * A new tab with two Performance sessions on before it navigates, so the counters start at
 * zero: one counts wall-clock time, the other the main thread's CPU time ("threadTicks"),
 * which other processes on a busy machine cannot inflate.
 */
async function tracedPage(context: BrowserContext): Promise<{ page: Page; wall: CDPSession; cpu: CDPSession }> {
  const page = await context.newPage();
  const wall = await context.newCDPSession(page);
  const cpu = await context.newCDPSession(page);
  await wall.send('Performance.enable', { timeDomain: 'timeTicks' });
  await cpu.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { page, wall, cpu };
}

// tsx compiles this file with esbuild's keepNames, which wraps named inner functions in
// `__name(...)`: functions handed to evaluate() need that helper in the document they run in.
const keepNamesShim = 'globalThis.__name ??= (f) => f';

async function sidebarReady(page: Page): Promise<Frame> {
  await sidebarFrame(page).getByRole('tab', { name: 'Fit' }).waitFor({ timeout: 10_000 });
  const found = await (await page.locator('iframe[title="Tandem"]').elementHandle())?.contentFrame();
  if (!found) throw new Error('No sidebar frame');
  await found.evaluate(keepNamesShim);
  return found;
}

type Bench = {
  watch(): void;
  stop(): { callbacks: number; deliveries: number; records: number };
  mutate(n: number): Promise<number>;
  touchThread(): void;
  counts(): { callbacks: number; deliveries: number; records: number };
};
/** Calls one of the page script's functions (bench/overlay.page.ts) in the page's main world. */
const bench = <K extends keyof Bench>(page: Page, name: K) =>
  page.evaluate(
    ([fn, n]) => (globalThis as unknown as { tandemBench: Record<string, (n: number) => unknown> }).tandemBench[fn]!(n),
    [name, mutationCount] as const,
  ) as Promise<Awaited<ReturnType<Bench[K]>>>;

try {
  const withExt = await launch(true);
  const without = await launch(false);
  const ctx = { with: withExt, without } as const;
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: '',
    loadAverageAtStart: round(loadavg()[0]!, 2),
    loadAverageAtEnd: 0,
  };

  // -------------------------------------------------------------------------------------------
  // 2. Main-thread script time of the host page's renderer, load + 2 s settle.
  const scriptRun = async (which: 'with' | 'without') => {
    const { page, wall, cpu } = await tracedPage(ctx[which]);
    await page.goto(`${gmail}${paths.thread}${threadHash}`, { waitUntil: 'load' });
    await sleep(settleMs);
    const [w, c] = [await metrics(wall), await metrics(cpu)];
    if (which === 'with') {
      // Proof the extension did its work in this run: the sidebar shows the thread's sender.
      await sidebarFrame(page).getByTestId('page-contact').filter({ hasText: sender }).waitFor({ timeout: 5000 });
      await sidebarFrame(page).getByTestId('fit-verdict').waitFor({ timeout: 5000 });
    }
    await page.close();
    return { scriptCpuMs: c.ScriptDuration!, taskCpuMs: c.TaskDuration!, scriptWallMs: w.ScriptDuration!, taskWallMs: w.TaskDuration! };
  };

  // Controls for what the metric sees, in both profiles' pages:
  //  - a 30 ms busy loop run by Blink from a timer in an isolated world (where content scripts
  //    run) shows in ScriptDuration, as one in the main world does;
  //  - the sidebar frame is out of process (a CDP session of its own attaches only to such a
  //    frame), so its work is not in the page's figures;
  //  - the real content script reacting to one change in the thread view shows up too.
  const calibrate = async () => {
    const { page, wall, cpu } = await tracedPage(ctx.without);
    await page.goto(`${gmail}${paths.thread}${threadHash}`, { waitUntil: 'load' });
    const { frameTree } = await cpu.send('Page.getFrameTree');
    const { executionContextId } = await cpu.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'tandem-bench-calibration' });
    const busy = 'new Promise((done) => setTimeout(() => { const end = performance.now() + 30; while (performance.now() < end); done(1); }, 0))';
    const measureIn = async (contextId?: number) => {
      const [w, c] = [(await metrics(wall)).ScriptDuration!, (await metrics(cpu)).ScriptDuration!];
      await cpu.send('Runtime.evaluate', { expression: busy, awaitPromise: true, ...(contextId ? { contextId } : {}) });
      return { wallMs: round((await metrics(wall)).ScriptDuration! - w), cpuMs: round((await metrics(cpu)).ScriptDuration! - c) };
    };
    const isolated = await measureIn(executionContextId);
    const main = await measureIn();
    const { product } = await cpu.send('Browser.getVersion');
    await page.close();

    const ext = await tracedPage(ctx.with);
    await ext.page.goto(`${gmail}${paths.mutations}${threadHash}`, { waitUntil: 'load' });
    const frame = await sidebarReady(ext.page);
    const ownProcess = await withExt.newCDPSession(frame).then((s) => s.detach().then(() => true), () => false);
    await sleep(500);
    const before = (await metrics(ext.cpu)).ScriptDuration!;
    await bench(ext.page, 'touchThread');
    await sleep(400);
    const reaction = (await metrics(ext.cpu)).ScriptDuration! - before;
    await ext.page.close();
    return {
      chromium: product,
      isolatedWorldBusy30Ms: isolated,
      mainWorldBusy30Ms: main,
      overlayFrameOutOfProcess: ownProcess,
      contentScriptReactionToOneThreadChangeMs: round(reaction, 2),
    };
  };

  // -------------------------------------------------------------------------------------------
  // 3. Inbox → thread in the page (no load), until the sidebar shows the thread's contact with
  // its fit. Both timestamps on the common clock `timeOrigin + now()` of their documents.
  const fitRun = async () => {
    const page = await ctx.with.newPage();
    await page.goto(`${gmail}${paths.inbox}#inbox`, { waitUntil: 'load' });
    await page.evaluate(keepNamesShim); // for navigateInPage's function, too
    const frame = await sidebarReady(page);
    await sleep(300); // let the inbox's own report and render finish
    const armed = await frame.evaluate((email) => {
      const w = window as unknown as { tandemFitAt?: number; tandemFitFrameAt?: number };
      delete w.tandemFitAt;
      delete w.tandemFitFrameAt;
      const shown = () => {
        const contact = document.querySelector('[data-testid="page-contact"]');
        return !!contact?.textContent?.includes(email) && !!document.querySelector('[data-testid="fit-verdict"]');
      };
      if (shown()) return false;
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        w.tandemFitAt = performance.timeOrigin + performance.now();
        observer.disconnect();
        requestAnimationFrame(() => (w.tandemFitFrameAt = performance.timeOrigin + performance.now()));
      });
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      return true;
    }, sender);
    if (!armed) throw new Error('The sidebar showed the thread’s contact before the thread was opened');
    await page.evaluate(() => {
      const w = window as unknown as { tandemSwapAt?: number };
      delete w.tandemSwapAt;
      const observer = new MutationObserver(() => {
        w.tandemSwapAt ??= performance.timeOrigin + performance.now();
        observer.disconnect();
      });
      observer.observe(document.body, { childList: true });
    });
    await navigateInPage(page, 'gmail/thread.html', { hash: threadHash });
    await frame.waitForFunction(() => (window as unknown as { tandemFitFrameAt?: number }).tandemFitFrameAt, undefined, { timeout: 5000 });
    const swapAt = await page.evaluate(() => (window as unknown as { tandemSwapAt: number }).tandemSwapAt);
    const { fitAt, frameAt } = await frame.evaluate(() => {
      const w = window as unknown as { tandemFitAt: number; tandemFitFrameAt: number };
      return { fitAt: w.tandemFitAt, frameAt: w.tandemFitFrameAt };
    });
    // Two documents in two processes: check that their clocks agree (Date.now() reads the
    // same system clock in both, to the millisecond).
    const offset = () => performance.timeOrigin + performance.now() - Date.now();
    const skew = (await frame.evaluate(offset)) - (await page.evaluate(offset));
    await page.close();
    return { domMs: fitAt - swapAt, nextFrameMs: frameAt - swapAt, skewMs: skew };
  };

  // -------------------------------------------------------------------------------------------
  // 4. 10,000 mutations outside the watched subtree, on the thread page with the page script.
  const mutationPage = async (context: BrowserContext) => {
    const traced = await tracedPage(context);
    await traced.page.goto(`${gmail}${paths.mutations}${threadHash}`, { waitUntil: 'load' });
    await traced.page.waitForFunction(() => 'tandemBench' in globalThis);
    await bench(traced.page, 'mutate'); // warm-up: the first pass pays for compiling
    return traced;
  };
  /** The 10,000 mutations: in-page elapsed time, and the main thread's CPU time for them. */
  const timedMutations = async (page: Page, cpu: CDPSession) => {
    const before = (await metrics(cpu)).DevToolsCommandDuration!;
    const wallMs = await bench(page, 'mutate');
    return { wallMs, cpuMs: (await metrics(cpu)).DevToolsCommandDuration! - before };
  };
  // (a) The adapter's own watch, bundled into the page (no extension in this profile): on vs off.
  const passes = 5; // per page and mode, alternating; the run's figure is their median
  const watchRun = async (first: 'on' | 'off') => {
    const { page, cpu } = await mutationPage(ctx.without);
    const on = { cpu: [] as number[], wall: [] as number[] };
    const off = { cpu: [] as number[], wall: [] as number[] };
    const seen = { callbacks: 0, deliveries: 0, records: 0 };
    for (let pass = 0; pass < 2 * passes; pass++) {
      const mode = pass % 2 ? (first === 'on' ? 'off' : 'on') : first;
      if (mode === 'off') {
        const t = await timedMutations(page, cpu);
        off.cpu.push(t.cpuMs);
        off.wall.push(t.wallMs);
        continue;
      }
      await bench(page, 'watch');
      const t = await timedMutations(page, cpu);
      on.cpu.push(t.cpuMs);
      on.wall.push(t.wallMs);
      await sleep(250); // past the adapter's 100 ms debounce
      const counts = await bench(page, 'stop');
      for (const key of ['callbacks', 'deliveries', 'records'] as const) seen[key] += counts[key];
    }
    // The control: with the watch on, one change inside the thread view is seen, once.
    await bench(page, 'watch');
    await bench(page, 'touchThread');
    await sleep(250);
    const control = (await bench(page, 'stop')).callbacks;
    await page.close();
    return { onMs: median(on.cpu), offMs: median(off.cpu), onWallMs: median(on.wall), offWallMs: median(off.wall), ...seen, control };
  };
  // (b) The real extension loaded vs not, same page and workload, and the page renderer's
  // script CPU time over the workload and a settle (the content script's observer included).
  const extensionMutationRun = async (which: 'with' | 'without') => {
    const { page, cpu } = await mutationPage(ctx[which]);
    if (which === 'with') await sidebarReady(page);
    await sleep(500);
    const before = (await metrics(cpu)).ScriptDuration!;
    const times: { cpuMs: number; wallMs: number }[] = [];
    for (let pass = 0; pass < passes; pass++) times.push(await timedMutations(page, cpu));
    await sleep(250);
    const scriptMs = (await metrics(cpu)).ScriptDuration! - before;
    await page.close();
    return { ms: median(pick(times, 'cpuMs')), wallMs: median(pick(times, 'wallMs')), scriptMs };
  };

  // -------------------------------------------------------------------------------------------
  // Controls and one warm-up of each kind of run (not counted), then the runs, interleaved.
  const calibration = await calibrate();
  machine.chromium = calibration.chromium;
  console.log(`${calibration.chromium}; ${runs} runs of each, interleaved; load average ${machine.loadAverageAtStart}`);
  await scriptRun('with');
  await scriptRun('without');
  await fitRun();
  await watchRun('off');
  await extensionMutationRun('with');
  await extensionMutationRun('without');

  type ScriptRun = Awaited<ReturnType<typeof scriptRun>>;
  type MutationRun = Awaited<ReturnType<typeof extensionMutationRun>>;
  const script = { with: [] as ScriptRun[], without: [] as ScriptRun[] };
  const fits: Awaited<ReturnType<typeof fitRun>>[] = [];
  const watches: Awaited<ReturnType<typeof watchRun>>[] = [];
  const extMut = { with: [] as MutationRun[], without: [] as MutationRun[] };
  const started = Date.now();
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? (['without', 'with'] as const) : (['with', 'without'] as const);
    for (const which of order) script[which].push(await scriptRun(which));
    fits.push(await fitRun());
    watches.push(await watchRun(i % 2 ? 'on' : 'off'));
    for (const which of order) extMut[which].push(await extensionMutationRun(which));
    const s = (w: 'with' | 'without') => `${script[w][i]!.scriptCpuMs.toFixed(1)} (wall ${script[w][i]!.scriptWallMs.toFixed(1)})`;
    console.log(
      `run ${i + 1}: script ${s('with')} vs ${s('without')} ms; fit ${fits[i]!.domMs.toFixed(0)} ms; ` +
        `mutations (CPU) watch on ${watches[i]!.onMs.toFixed(1)} / off ${watches[i]!.offMs.toFixed(1)} ms (${watches[i]!.callbacks} callbacks); ` +
        `extension ${extMut.with[i]!.ms.toFixed(1)} / ${extMut.without[i]!.ms.toFixed(1)} ms`,
    );
  }
  machine.loadAverageAtEnd = round(loadavg()[0]!, 2);

  // -------------------------------------------------------------------------------------------
  const med = <T>(xs: T[], key: keyof T, digits = 1) => round(median(pick(xs, key)), digits);
  const all = <T>(xs: T[], key: keyof T, digits = 1) => pick(xs, key).map((x) => round(x, digits));
  const summary = (xs: ScriptRun[]) => ({
    scriptDurationMs: med(xs, 'scriptCpuMs'),
    taskDurationMs: med(xs, 'taskCpuMs'),
    wallClock: { scriptDurationMs: med(xs, 'scriptWallMs'), taskDurationMs: med(xs, 'taskWallMs') },
    runs: { scriptDurationMs: all(xs, 'scriptCpuMs'), taskDurationMs: all(xs, 'taskCpuMs'), wallScriptDurationMs: all(xs, 'scriptWallMs') },
  });
  const scriptWith = summary(script.with);
  const scriptWithout = summary(script.without);
  const diffMs = round(scriptWith.scriptDurationMs - scriptWithout.scriptDurationMs);
  const wallDiffMs = round(scriptWith.wallClock.scriptDurationMs - scriptWithout.wallClock.scriptDurationMs);
  const fitMedian = med(fits, 'domMs');
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const callbacks = sum(pick(watches, 'callbacks')); // over every pass of every run
  const [watchOn, watchOff] = [median(pick(watches, 'onMs')), median(pick(watches, 'offMs'))];
  const [watchOnWall, watchOffWall] = [median(pick(watches, 'onWallMs')), median(pick(watches, 'offWallMs'))];
  const [extOn, extOff] = [median(pick(extMut.with, 'ms')), median(pick(extMut.without, 'ms'))];
  const [extOnWall, extOffWall] = [median(pick(extMut.with, 'wallMs')), median(pick(extMut.without, 'wallMs'))];
  const controlOk = watches.every((w) => w.control === 1);

  const result = {
    date: new Date().toISOString(),
    machine,
    settings: {
      runs,
      mutations: mutationCount,
      settleMs,
      page: `${gmail}${paths.thread}${threadHash} (tests/fixtures/gmail/thread.html, Gmail-like CSP)`,
      // Relative to the repository: committed results name no path of the machine they were made on.
      extension: `${relative(process.cwd(), extensionDir) || '.'} (copied before the run)`,
      budgets,
      measuredRunsMs: Date.now() - started,
    },
    contentScripts,
    scriptTime: {
      with: scriptWith,
      without: scriptWithout,
      diffMs,
      wallClockDiffMs: wallDiffMs,
      taskDiffMs: round(scriptWith.taskDurationMs - scriptWithout.taskDurationMs),
      met: diffMs <= budgets.scriptTimeDiffMs,
      method:
        'CDP Performance.getMetrics on the host tab, enabled before it navigates, read after load + 2 s. ScriptDuration and TaskDuration as main-thread CPU time (timeDomain threadTicks; the budget is judged on this) and as wall-clock time (timeTicks, inflated when other processes take the CPU). ScriptDuration counts every world on the page renderer main thread, the content script’s isolated world included (see calibration). The sidebar iframe is an extension page in its own renderer process and is not included.',
      calibration,
    },
    timeToFit: {
      medianMs: fitMedian,
      nextFrameMedianMs: med(fits, 'nextFrameMs'),
      maxMs: round(Math.max(...pick(fits, 'domMs'))),
      runs: all(fits, 'domMs'),
      clockSkewMs: med(fits, 'skewMs', 2),
      met: fitMedian <= budgets.timeToFitMs,
    },
    mutations: {
      callbacks,
      mutationsWatched: runs * passes * mutationCount,
      observerDeliveries: sum(pick(watches, 'deliveries')),
      observerRecords: sum(pick(watches, 'records')),
      controlCallbacks: pick(watches, 'control'),
      withMs: round(watchOn, 2),
      withoutMs: round(watchOff, 2),
      ratio: round(median(watches.map((w) => w.onMs / w.offMs)), 3),
      wallClock: { withMs: round(watchOnWall, 2), withoutMs: round(watchOffWall, 2), ratio: round(watchOnWall / watchOffWall, 3) },
      runs: { withMs: all(watches, 'onMs', 2), withoutMs: all(watches, 'offMs', 2) },
      extension: {
        withMs: round(extOn, 2),
        withoutMs: round(extOff, 2),
        ratio: round(extOn / extOff, 3), // not paired: two browsers
        wallClock: { withMs: round(extOnWall, 2), withoutMs: round(extOffWall, 2), ratio: round(extOnWall / extOffWall, 3) },
        runs: { withMs: all(extMut.with, 'ms', 2), withoutMs: all(extMut.without, 'ms', 2) },
        pageScriptCpuMsWith: med(extMut.with, 'scriptMs', 2),
        pageScriptCpuMsWithout: med(extMut.without, 'scriptMs', 2),
      },
      met: callbacks === 0 && controlOk,
      method:
        'bench/overlay.page.ts bundled into the thread page: gmailAdapter.watch(document, window, () => callbacks++) with a window whose MutationObserver counts its calls; 10,000 mutations (left-nav row added/removed, chat contact text, header attribute), one per microtask; callbacks counted 250 ms after each pass (debounce 100 ms); control: one change in the thread view gives 1 callback. Times: main-thread CPU of the mutating call (DevToolsCommandDuration, threadTicks), after one warm-up pass, 5 passes per mode and page alternating on/off, median per run, ratio = median over runs of each run’s on/off ratio (paired in one page); wall clock from performance.now() in the page. Extension: same page and workload with the real content script loaded vs a profile without the extension.',
    },
  };
  const met = contentScripts.every((c) => c.met) && result.scriptTime.met && result.timeToFit.met && result.mutations.met;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/overlay.json', `${JSON.stringify({ ...result, met }, null, 2)}\n`);

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
  const m = result.mutations;
  console.log(`\n| budget | measured (medians of ${runs}) | target | met |`);
  console.log('| --- | --- | --- | --- |');
  for (const c of contentScripts) console.log(`| ${c.file} | ${kb(c.rawBytes)} raw, ${kb(c.gzipBytes)} gzip -9 | ≤ 15 KB gzipped | ${yes(c.met)} |`);
  console.log(
    `| main-thread script time, Gmail thread page | CPU ${scriptWith.scriptDurationMs} vs ${scriptWithout.scriptDurationMs} ms: **+${diffMs} ms** (wall clock +${wallDiffMs} ms; tasks CPU ${scriptWith.taskDurationMs} vs ${scriptWithout.taskDurationMs} ms) | ≤ +20 ms | ${yes(result.scriptTime.met)} |`,
  );
  console.log(`| thread view → fit shown in the sidebar | **${fitMedian} ms** (next frame ${result.timeToFit.nextFrameMedianMs} ms, worst ${result.timeToFit.maxMs} ms) | ≤ 300 ms | ${yes(result.timeToFit.met)} |`);
  console.log(
    `| 10,000 mutations outside the watched subtree | **${callbacks} callbacks** in ${m.mutationsWatched.toLocaleString('en')} mutations watched (${m.observerDeliveries} observer calls; control 1 each run: ${controlOk ? 'yes' : 'no'}); CPU watch on/off ${m.withMs}/${m.withoutMs} ms = ${m.ratio}×; extension loaded/not ${m.extension.withMs}/${m.extension.withoutMs} ms = ${m.extension.ratio}× | 0 callbacks | ${yes(m.met)} |`,
  );
  console.log(`\nAll budgets met: ${met ? 'yes' : 'no'}. Load average ${machine.loadAverageAtStart} → ${machine.loadAverageAtEnd}. Results in bench/results/overlay.json.`);
} finally {
  await cleanUp();
}
