import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { Client } from '../clients/client.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { importFile } from '../ingest/import-file.ts';
import { getLead } from '../leads/lead-query.ts';
import { updateLead } from '../leads/lead-updates.ts';
import { offlineScorer } from './offline-scorer.ts';
import { addRubricVersion } from './rubric-store.ts';
import type { ScoreDetail } from './score-detail.ts';
import { scoreLeadsOperation } from './score-leads-operation.ts';
import { dueLeadIds } from './score-queue.ts';
import type { LeadScorer } from './scorer.ts';
import { loadExampleRubric, recordingProgress } from './scoring-fixtures.ts';

let world: TestWorld;
afterEach(async () => world?.close());

const freight = loadExampleRubric('haulwise-freight-operations.json');
const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const ada = 'https://www.linkedin.com/in/ada-quill';

interface Setup {
  store: TenantStore;
  client: Client;
  rubricVersion: number;
}

async function setUp(): Promise<Setup> {
  world = await createTestWorld();
  const { client, access } = await world.addClient();
  const store = await world.stores.withTenant(access, async (opened) => opened);
  const { version } = await addRubricVersion(store, freight);
  return { store, client, rubricVersion: version };
}

async function importPosition(store: TenantStore, name: string, position: string) {
  const path = join(world.dataDir, name);
  writeFileSync(path, `${header}\nAda,Quill,${ada},,Nordhafen Freight,${position},01 Mar 2024\n`);
  return importFile(store, path, { today: '2025-09-24' });
}

async function score(setup: Setup, runId: string, scorer?: LeadScorer) {
  const { progress, calls } = recordingProgress();
  const operation = scoreLeadsOperation(scorer ? { scorer } : {});
  const signal = new AbortController().signal;
  const outcome = await operation.run({ ...setup, runId, progress, signal });
  return { outcome, examined: calls.examined.reduce((sum, n) => sum + n, 0), calls };
}

const quoted = (detail: unknown) =>
  (detail as ScoreDetail).attributes.flatMap((attribute) =>
    attribute.evidence.map((evidence) => evidence.text),
  );

describe('a lead whose scored words change', () => {
  it('is scored again after a re-import changed its title, its old score shown until then', async () => {
    const setup = await setUp();
    await importPosition(setup.store, 'first.csv', 'Graphic Designer');
    await score(setup, 'run-1');
    const before = await getLead(setup.store, ada);

    const report = await importPosition(setup.store, 'second.csv', 'Head of Procurement');
    const waiting = await getLead(setup.store, ada);
    const due = await dueLeadIds(setup.store, setup.rubricVersion, 'run-2');
    const rescored = await score(setup, 'run-2');
    const after = await getLead(setup.store, ada);
    const third = await score(setup, 'run-3');

    expect(report).toMatchObject({ updated: 1 });
    expect(waiting).toMatchObject({
      position: 'Head of Procurement',
      score: before.score,
      scoreStatus: before.scoreStatus,
    });
    expect(waiting.profileChangedAt! >= before.scoredAt!).toBe(true);
    expect(due).toEqual([before.id]);
    expect(rescored.examined).toBe(1);
    expect(quoted(after.scoreDetail)).toContain('Head of Procurement');
    expect(quoted(after.scoreDetail)).not.toContain('Graphic Designer');
    expect(after.score).toBeGreaterThan(before.score!);
    expect(third.examined).toBe(0);
  });

  it('is scored again after a person edits a field the scorer reads, and only then', async () => {
    const setup = await setUp();
    await importPosition(setup.store, 'first.csv', 'Graphic Designer');
    await score(setup, 'run-1');
    const lead = await getLead(setup.store, ada);

    const notScored = await updateLead(setup.store, lead.id, lead.version, {
      email: 'ada@quill.example',
      status: 'contacted',
    });
    const dueAfterContact = await dueLeadIds(setup.store, setup.rubricVersion, 'run-2');
    await updateLead(setup.store, lead.id, notScored.version, { headline: 'Head of Procurement' });
    const dueAfterHeadline = await dueLeadIds(setup.store, setup.rubricVersion, 'run-2');
    await score(setup, 'run-2');

    expect(notScored.profileChangedAt).toBeNull();
    expect(dueAfterContact).toEqual([]);
    expect(dueAfterHeadline).toEqual([lead.id]);
    expect(quoted((await getLead(setup.store, ada)).scoreDetail)).toContain('Head of Procurement');
  });

  it('is not given a score of the words it had when they changed during scoring', async () => {
    const setup = await setUp();
    await importPosition(setup.store, 'first.csv', 'Graphic Designer');
    const lead = await getLead(setup.store, ada);
    const editingScorer: LeadScorer = {
      name: 'offline',
      async scoreBatch(leads, rubric, signal) {
        const results = await offlineScorer.scoreBatch(leads, rubric, signal);
        await updateLead(setup.store, lead.id, lead.version, { position: 'Head of Procurement' });
        return results;
      },
    };

    const raced = await score(setup, 'run-1', editingScorer);
    const afterRace = await getLead(setup.store, ada);
    const next = await score(setup, 'run-2');

    expect(raced.calls.skipped).toEqual([1]);
    expect(afterRace).toMatchObject({ scoreStatus: 'pending', score: null });
    expect(next.examined).toBe(1);
    expect(quoted((await getLead(setup.store, ada)).scoreDetail)).toContain('Head of Procurement');
  });
});
