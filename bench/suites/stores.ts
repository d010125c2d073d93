// P11: the store directory at 10,000 stores. Import: a 10,000-row CSV through main's real calls
// (bytes in chunks → parse → check every row → confirm → saved to disk), timed end to end, with
// the longest stretch main's event loop was blocked meanwhile (what would freeze the window).
// Filter: the Stores screen in Chromium over 10,000 stores, the main-thread time of each
// keystroke typed into the filter, rendering included.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Outcome } from '../../src-preload/contract/define.ts';
import type { CallName } from '../../src-preload/contract/types.ts';
import { generateStores } from '../../src-main/sandbox/data/stores.ts';
import { createServices } from '../../src-main/services/create-services.ts';
import { createNodeRuntime } from '../../src-main/services/runtime/node-runtime.ts';
import { demoStoreRecords } from '../../src-main/services/stores/demo-stores.ts';
import { storesToCsv } from '../../src-main/services/stores/export-csv.ts';
import { openApp, type BenchApp } from '../support/browser.ts';
import { mainThreadMs } from '../support/main-thread.ts';
import { median, round } from '../support/stats.ts';
import type { BenchRow, BenchSuite } from '../support/types.ts';

const storeCount = 10_000;
const importTargetMs = 1000;
const frameMs = 16;

const csvBytes = () =>
  new TextEncoder().encode(storesToCsv(demoStoreRecords(generateStores(7, storeCount))));

type Call = <T>(name: CallName, args?: unknown) => Promise<T>;

/** What the renderer does: begin, the bytes in chunks, preview, confirm. */
async function importCsv(call: Call, bytes: Uint8Array): Promise<{ imported: number }> {
  const ticket = await call<{ importId: string; chunkBytes: number }>('stores.importBegin', {
    fileName: 'stores.csv',
    size: bytes.byteLength,
  });
  for (let offset = 0; offset < bytes.byteLength; offset += ticket.chunkBytes) {
    const chunk = bytes.slice(offset, offset + ticket.chunkBytes);
    await call('stores.importChunk', { importId: ticket.importId, offset, bytes: chunk });
  }
  await call('stores.importPreview', { importId: ticket.importId });
  return call('stores.importConfirm', {
    importId: ticket.importId,
    existing: 'update',
    useSuggestedTimeZones: false,
  });
}

async function importOnce(bytes: Uint8Array): Promise<{ ms: number; blockedMs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'aislecast-bench-stores-'));
  const runtime = createNodeRuntime({ userDataDir: dir, logLevel: 'warn' });
  const services = createServices(runtime.config);
  try {
    await services.ready;
    const call: Call = async <T>(name: CallName, args?: unknown) => {
      const outcome = await (
        services.router[name] as (a: unknown, c: { origin: string }) => Promise<Outcome<T>>
      )(args, { origin: 'bench' });
      if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
      return outcome.value;
    };
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const start = performance.now();
    const result = await importCsv(call, bytes);
    const ms = performance.now() - start;
    loop.disable();
    if (result.imported !== storeCount) throw new Error(`imported ${result.imported} stores`);
    return { ms, blockedMs: loop.max / 1e6 };
  } finally {
    await services.dispose();
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function filterTimes(app: BenchApp): Promise<number[]> {
  const { page } = app;
  const cdp = await app.cdp();
  await cdp.send('Performance.enable');
  await page.keyboard.press('Control+4');
  const field = page.getByRole('searchbox', { name: 'Filter stores' });
  await field.waitFor({ timeout: 60_000 });
  await page.locator('.vtable__row').first().waitFor();
  await field.click();
  const count = () => page.locator('.stores-filters__count').textContent();
  const times: number[] = [];
  for (const word of ['lisboa', 'express', 'store_01', 'sao', 'flagship']) {
    for (const letter of word) {
      times.push(await mainThreadMs(page, cdp, () => page.keyboard.press(letter)));
    }
    if ((await count())?.startsWith(storeCount.toLocaleString('en-US'))) {
      throw new Error(`filtering by "${word}" changed nothing`);
    }
    times.push(await mainThreadMs(page, cdp, () => page.keyboard.press('Escape')));
  }
  return times;
}

export const storesSuite: BenchSuite = {
  name: 'stores',
  title: 'P11: store directory at 10,000 stores (CSV import, table filter)',
  async run({ runs, log }) {
    const bytes = csvBytes();
    log(`CSV of ${storeCount} stores: ${round(bytes.byteLength / 1024 / 1024, 2)} MB`);
    await importOnce(bytes); // warm-up
    const imports: Array<{ ms: number; blockedMs: number }> = [];
    for (let i = 0; i < runs; i++) imports.push(await importOnce(bytes));
    const totals = imports.map((run) => run.ms);
    const blocked = imports.map((run) => run.blockedMs);

    const app = await openApp({ connect: false });
    let keystrokes: number[];
    try {
      const call: Call = async <T>(name: CallName, args?: unknown) =>
        (await app.call(name, args)) as T;
      await importCsv(call, bytes);
      keystrokes = [];
      for (let i = 0; i < runs; i++) keystrokes.push(...(await filterTimes(app)));
    } finally {
      await app.close();
    }
    const spread = (values: number[]) =>
      `min ${round(Math.min(...values))}, max ${round(Math.max(...values))} ms over ${values.length}`;
    const rows: BenchRow[] = [
      {
        id: 'P11',
        metric: `import ${storeCount.toLocaleString('en-US')} stores from CSV (parse, check, save)`,
        value: round(median(totals)),
        unit: 'ms',
        target: `≤ ${importTargetMs} ms`,
        pass: median(totals) <= importTargetMs,
        note: spread(totals),
      },
      {
        id: 'P11-block',
        metric: 'longest stall of main’s event loop during that import',
        value: round(median(blocked)),
        unit: 'ms',
        note: spread(blocked),
      },
      {
        id: 'P11',
        metric: `filter a ${storeCount.toLocaleString('en-US')}-store table, main-thread time per keystroke`,
        value: round(median(keystrokes)),
        unit: 'ms',
        target: `≤ ${frameMs} ms`,
        pass: median(keystrokes) <= frameMs,
        note: spread(keystrokes),
      },
    ];
    return rows;
  },
};
