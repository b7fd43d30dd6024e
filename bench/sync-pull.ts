// Issue 4's benchmark: pull 10,000 changes into a fresh profile in headless Chromium with the
// extension's sync engine (pages applied in one transaction each), and, in the same run,
// apply the same changes one transaction each. Runs interleaved; medians of 5.
//   npm run bench:sync        (BENCH_CHANGES, BENCH_RUNS override the defaults)
import { serve } from '@hono/node-server';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { Hono } from 'hono';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/app';
import { openDatabase } from '../server/db/connect';
import { silentLogger } from '../server/log';
import { putRecord } from '../server/records';
import { addMember, createWorkspace } from '../server/team';
import { Feedback } from '../utils/model';

const changes = Number(process.env.BENCH_CHANGES ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const pageLimit = 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-sync-'));
const db = await openDatabase(join(dir, 'tandem.sqlite'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true });
let server: ReturnType<typeof serve> | undefined;
try {
  const { workspaceId } = await createWorkspace(db, 'Bench', 'Ada');
  const { token } = await addMember(db, workspaceId, 'Bench rep', 'sales');
  const at = new Date().toISOString();
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < changes - 2; i++) {
      await putRecord(trx, workspaceId, 'feedback', Feedback.parse({
        id: crypto.randomUUID(), version: 1, deleted: false, updatedAt: at, createdAt: at,
        subject: { contactKey: `email:lead${i}@example.com`, contactName: `Lead ${i}` },
        verdict: i % 3 === 0 ? 'reject' : 'accept', reasons: i % 3 === 0 ? ['too-small'] : [],
        note: `Note ${i}: spoke on the phone, follow up next quarter.`, author: { memberId: crypto.randomUUID(), name: 'Jordan Lee' }, replies: [],
      }));
    }
  });

  const bundle = await build({ entryPoints: ['bench/sync-pull.page.ts'], bundle: true, write: false, format: 'esm', platform: 'browser', minify: true });
  const script = bundle.outputFiles[0]!.text;
  const site = new Hono();
  site.get('/bench', (c) => c.html('<!doctype html><title>Tandem bench</title><script type="module" src="/bench.js"></script>'));
  site.get('/bench.js', (c) => c.body(script, 200, { 'content-type': 'text/javascript' }));
  site.route('/', createApp({ db, logger: silentLogger, rateLimit: { capacity: 1e9, refillPerSecond: 1e9 } }));
  const port = await new Promise<number>((done) => {
    server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' }, (info) => done(info.port));
  });

  type Result = { ms: number; count: number };
  const runIn = async (fn: 'batchedPull' | 'oneByOne'): Promise<Result> => {
    const context = await browser.newContext(); // a fresh profile: empty IndexedDB
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench`);
    await page.waitForFunction(() => 'tandemBench' in globalThis);
    const result = await page.evaluate(
      ([name, ws, tok, limit]) => (globalThis as unknown as { tandemBench: Record<string, (w: string, t: string, l: number) => Promise<Result>> }).tandemBench[name]!(ws, tok, limit),
      [fn, workspaceId, token, pageLimit] as const,
    );
    await context.close();
    if (result.count !== changes) throw new Error(`${fn} saw ${result.count} changes, expected ${changes}`);
    return result;
  };

  const batched: number[] = [];
  const single: number[] = [];
  for (let i = 0; i < runs; i++) {
    batched.push((await runIn('batchedPull')).ms);
    single.push((await runIn('oneByOne')).ms);
    console.log(`run ${i + 1}: batched pull ${batched[i]!.toFixed(0)} ms, one transaction each ${single[i]!.toFixed(0)} ms`);
  }
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, chromium: browser.version() },
    settings: { changes, runs, pageLimit },
    batchedPullMs: { median: median(batched), runs: batched },
    oneTransactionEachMs: { median: median(single), runs: single },
    ratio: median(single) / median(batched),
    targets: { ratioAtLeast: 10, batchedMedianAtMostMs: 2000 },
  };
  const met = result.ratio >= 10 && result.batchedPullMs.median <= 2000;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/sync-pull.json', `${JSON.stringify({ ...result, met }, null, 2)}\n`);
  console.log(`\n| changes | batched pull (median) | one transaction each (median) | ratio | targets met |`);
  console.log(`| ${changes} | ${result.batchedPullMs.median.toFixed(0)} ms | ${result.oneTransactionEachMs.median.toFixed(0)} ms | ${result.ratio.toFixed(1)}× | ${met ? 'yes' : 'no'} (≥10×, ≤2,000 ms) |`);
} finally {
  await browser.close();
  server?.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
