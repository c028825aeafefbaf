/**
 * `npm run bench`: every benchmark prints its figures beside a baseline measured in the same run
 * on the same machine. Benchmarks are listed explicitly; `npm run bench -- NAME` runs one.
 */
import { caseworkStatsBench } from './casework-stats.bench.ts';
import { emailImportBench } from './email-import.bench.ts';
import { inboxLatencyBench } from './inbox-latency.bench.ts';
import { inboxRenderBench } from './inbox-render.bench.ts';
import { ingestBench } from './ingest.bench.ts';
import { memoryBench } from './memory.bench.ts';
import { metaWebhookBench } from './meta-webhook.bench.ts';
import { phoneCallsBench } from './phone-calls.bench.ts';
import { reportsBench } from './reports.bench.ts';
import { searchBench } from './search.bench.ts';
import type { Benchmark } from './types.ts';

const BENCHMARKS: Benchmark[] = [
  emailImportBench,
  phoneCallsBench,
  metaWebhookBench,
  inboxRenderBench,
  ingestBench,
  inboxLatencyBench,
  memoryBench,
  caseworkStatsBench,
  reportsBench,
  searchBench,
];

const only = process.argv.slice(2);
const chosen = only.length ? BENCHMARKS.filter((b) => only.includes(b.name)) : BENCHMARKS;
if (only.length && chosen.length === 0) {
  console.error(`unknown benchmark; choose from: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
for (const b of chosen) {
  console.log(`\n## ${b.name}: ${b.description}`);
  const rows = await b.run();
  const width = Math.max(...rows.map((r) => r.metric.length));
  for (const r of rows)
    console.log(`  ${r.metric.padEnd(width)}  ${r.value.padStart(14)}   baseline ${r.baseline ?? '—'}`);
}
process.exit(0);
