// `npm run bench [-- --only name,name --runs 5]`: measures the targets of docs/TARGETS.md,
// prints a table and writes the figures as JSON under bench/results/.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { suites } from './suites/index.ts';
import type { BenchRow } from './support/types.ts';

const { values } = parseArgs({
  options: { only: { type: 'string' }, runs: { type: 'string', default: '5' } },
});
const only = values.only?.split(',').map((name) => name.trim().toLowerCase());
const selected = suites.filter((suite) => !only || only.includes(suite.name.toLowerCase()));
if (!selected.length) {
  console.error(
    `No benchmark matches --only ${values.only}. Known: ${suites.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}

const rows: Array<BenchRow & { suite: string }> = [];
for (const suite of selected) {
  console.log(`\n▶ ${suite.title}`);
  try {
    const result = await suite.run({
      runs: Number(values.runs),
      log: (message) => console.log(`  ${message}`),
    });
    rows.push(...result.map((row) => ({ ...row, suite: suite.name })));
  } catch (error) {
    console.error(`  ✗ ${suite.name} failed:`, error);
    rows.push({
      suite: suite.name,
      id: suite.name,
      metric: 'suite failed',
      value: Number.NaN,
      unit: 'count',
      pass: false,
      note: String(error),
    });
  }
}

const verdict = (row: BenchRow) => (row.pass === undefined ? '' : row.pass ? 'pass' : 'MISS');
console.table(
  rows.map((row) => ({
    id: row.id,
    metric: row.metric,
    value: `${row.value} ${row.unit}`,
    target: row.target ?? '',
    result: verdict(row),
    note: row.note ?? '',
  })),
);

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const report = { at: new Date().toISOString(), machine, runs: Number(values.runs), rows };
const dir = join(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });
const stamp = report.at.replace(/[:.]/g, '-');
await writeFile(join(dir, `bench-${stamp}.json`), JSON.stringify(report, null, 2));
await writeFile(join(dir, 'latest.json'), JSON.stringify(report, null, 2));
console.log(`\nSaved bench/results/bench-${stamp}.json`);
process.exit(rows.some((row) => row.pass === false) ? 1 : 0);
