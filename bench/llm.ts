// Benchmark of the LLM scorer against the local chat-completions mock (127.0.0.1 only):
// leads per second with the configured concurrency next to one call at a time, with a fixed
// provider latency per call, and prompt tokens per lead at batch sizes 1, 10 and 40.
// Run: npx tsx bench/llm.ts   (LEADBASE_LLM_CONCURRENCY / LEADBASE_LLM_BATCH_SIZE apply)

import { leadFromRow } from '../src/leads/lead.ts';
import { logger } from '../src/logger.ts';
import { type LlmConfig, loadLlmConfig } from '../src/scoring/llm-config.ts';
import { llmScoreLeadsOperation } from '../src/scoring/llm-operation.ts';
import { LlmScorer } from '../src/scoring/llm-scorer.ts';
import { mockProvider } from '../src/scoring/llm-test-fixtures.ts';
import { offlineScorer } from '../src/scoring/offline-scorer.ts';
import { addRubricVersion, type RubricVersion } from '../src/scoring/rubric-store.ts';
import { isScoreFailure } from '../src/scoring/scorer.ts';
import {
  insertLeads,
  loadExampleRubric,
  recordingProgress,
} from '../src/scoring/scoring-fixtures.ts';
import { ChatCompletionsServer, type MockPoints } from '../test/support/chat-completions-server.ts';
import { openClientStore } from '../test/support/lead-fixtures.ts';
import { leadRow } from '../test/support/lead-rows.ts';
import { createTestWorld } from '../test/support/stores.ts';

const totalLeads = 2_000;
/** One call at a time is slow by design; a sample of this many leads gives its rate. */
const sequentialSample = 400;
const latencyMs = 200;

const titles = [
  'Head of Procurement',
  'Logistics Manager',
  'Supply Chain Director',
  'Account Executive',
  'Talent Acquisition Partner',
  'Operations Manager',
  'Software Engineer',
  'COO',
];
const companies = ['Nordfreight', 'Baltic Packaging', 'Rhine Forwarding', 'Acme SaaS', 'Fjord 3PL'];
const places = ['Rotterdam, Netherlands', 'Hamburg, Germany', 'Oslo, Norway', 'Austin, Texas'];

function leadRows(count: number, prefix: string) {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${String(i).padStart(5, '0')}`,
    headline: `${titles[i % titles.length]} at ${companies[(i * 7) % companies.length]}`,
    position: titles[i % titles.length]!,
    company: companies[(i * 7) % companies.length]!,
    location: places[(i * 3) % places.length]!,
    industry: i % 3 === 0 ? 'Transportation, Logistics, Supply Chain and Storage' : 'Software',
    about: 'We move freight across northern Europe and care about cost per pallet.',
  }));
}

/** The mock answers what the offline scorer finds, so every answer is in range. */
async function gradesFor(rubric: RubricVersion, rows: ReturnType<typeof leadRows>) {
  const leads = rows.map((row) => leadFromRow(leadRow(row), []));
  const results = await offlineScorer.scoreBatch(leads, rubric, new AbortController().signal);
  const grades = new Map<string, Record<string, MockPoints>>();
  for (const [id, result] of results) {
    if (isScoreFailure(result)) continue;
    const points = result.attributes.map((a) => [a.id, { points: a.points, evidence: [] }]);
    grades.set(id, Object.fromEntries(points));
  }
  return grades;
}

async function scoreThroughOperation(config: LlmConfig, rubric: RubricVersion, count: number) {
  const rows = leadRows(count, 'L');
  const grades = await gradesFor(rubric, rows);
  const server = await new ChatCompletionsServer({
    grade: (id) => grades.get(id)!,
    latencyMs,
  }).start();
  const world = await createTestWorld();
  try {
    const { client, store } = await openClientStore(world);
    await addRubricVersion(store, rubric.rubric);
    // One statement holds a bounded number of values.
    for (let i = 0; i < rows.length; i += 200) await insertLeads(store, rows.slice(i, i + 200));
    const { progress, calls } = recordingProgress();
    const operation = llmScoreLeadsOperation({ ...config, baseUrl: server.baseUrl });

    const started = performance.now();
    const outcome = await operation.run({
      runId: 'bench',
      client,
      store,
      progress,
      signal: new AbortController().signal,
    });
    const seconds = (performance.now() - started) / 1000;

    const scored = calls.succeeded.flat().length;
    if (outcome.status !== 'succeeded' || scored !== count) {
      throw new Error(`bench run ended ${JSON.stringify(outcome)} with ${scored}/${count} scored`);
    }
    return { leadsPerSecond: count / seconds, seconds, calls: server.requests.length };
  } finally {
    await server.close();
    await world.close();
  }
}

async function promptTokensPerLead(rubric: RubricVersion, batchSize: number) {
  const rows = leadRows(40, 'P');
  const grades = await gradesFor(rubric, rows);
  const server = await new ChatCompletionsServer({ grade: (id) => grades.get(id)! }).start();
  try {
    let promptTokens = 0;
    const scorer = new LlmScorer({
      provider: mockProvider(server),
      batchSize,
      concurrency: 4,
      completionTokensPerLead: 400,
      itemRetries: 0,
      onUsage: async (usage) => {
        promptTokens += usage.promptTokens;
      },
    });
    const leads = rows.map((row) => leadFromRow(leadRow(row), []));
    await scorer.scoreBatch(leads, rubric, new AbortController().signal);
    return promptTokens / leads.length;
  } finally {
    await server.close();
  }
}

async function main() {
  // Results go to stdout; the per-run log lines would only interleave with them.
  logger.level = process.env.LOG_LEVEL ?? 'warn';
  const configured = loadLlmConfig(process.env);
  const config: LlmConfig = { ...configured, scorer: 'llm', model: 'bench-model', apiKey: null };
  const rubric: RubricVersion = {
    version: 1,
    rubric: loadExampleRubric('haulwise-freight-operations.json'),
    note: null,
    createdAt: new Date().toISOString(),
  };
  const out = (line: string) => process.stdout.write(`${line}\n`);

  out(`LLM scorer against the local mock, ${latencyMs} ms per call, batch ${config.batchSize}`);
  const parallel = await scoreThroughOperation(config, rubric, totalLeads);
  out(
    `  concurrency ${config.concurrency}: ${totalLeads} leads in ${parallel.seconds.toFixed(1)} s, ` +
      `${parallel.calls} calls, ${parallel.leadsPerSecond.toFixed(1)} leads/s`,
  );
  const sequential = await scoreThroughOperation(
    { ...config, concurrency: 1 },
    rubric,
    sequentialSample,
  );
  out(
    `  one call at a time: ${sequentialSample} leads in ${sequential.seconds.toFixed(1)} s, ` +
      `${sequential.calls} calls, ${sequential.leadsPerSecond.toFixed(1)} leads/s`,
  );
  out(`  ratio: ${(parallel.leadsPerSecond / sequential.leadsPerSecond).toFixed(2)}x`);

  out('Prompt tokens per lead (mock count, ~4 characters a token):');
  for (const batchSize of [1, 10, 40]) {
    const perLead = await promptTokensPerLead(rubric, batchSize);
    out(`  batch ${String(batchSize).padStart(2)}: ${perLead.toFixed(0)} tokens per lead`);
  }
}

await main();
