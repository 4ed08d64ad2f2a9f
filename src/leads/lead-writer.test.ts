import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { LeadInput } from '../ingest/lead-input.ts';
import { readLead } from './lead-change.ts';
import { getLead } from './lead-query.ts';
import { newImportSession, writeLeadInputs } from './lead-writer.ts';

let world: TestWorld;
afterEach(async () => world?.close());

async function withStore(work: (store: TenantStore) => Promise<void>): Promise<void> {
  world = await createTestWorld();
  const { access } = await world.addClient();
  await world.stores.withTenant(access, work);
}

const memberId = 'ACwAAB1c2d3e4f5g6h7i8j9k0lMnOpQrStUvWxYz';
let record = 0;

function input(fields: Partial<LeadInput>): LeadInput {
  record += 1;
  return { record, line: record + 1, source: 'test', refs: [], profile: {}, ...fields };
}

const events = (store: TenantStore, leadId: string) =>
  store.db
    .selectFrom('lead_events')
    .select(['type', 'source', 'detail'])
    .where('lead_id', '=', leadId)
    .orderBy('id')
    .execute();

describe('writing lead inputs', () => {
  it('creates a lead with every identity the input states, and an event', async () => {
    await withStore(async (store) => {
      const counts = await writeLeadInputs(
        store,
        [
          input({
            refs: ['linkedin.com/in/Mara-Lind'],
            memberIds: [memberId],
            profile: { fullName: 'Mara Lind' },
          }),
        ],
        'webhook:test',
      );

      const lead = await getLead(store, 'in:mara-lind');
      expect(counts).toMatchObject({ created: 1, rejected: 0 });
      expect(lead).toMatchObject({
        identities: expect.arrayContaining(['in:mara-lind', `mid:${memberId}`]),
        fullName: 'Mara Lind',
        profileUrl: 'https://www.linkedin.com/in/mara-lind',
        sources: ['test'],
        version: 1,
      });
      expect(await events(store, lead.id)).toEqual([
        {
          type: 'created',
          source: 'webhook:test',
          detail: JSON.stringify({ identities: ['in:mara-lind', `mid:${memberId}`] }),
        },
      ]);
    });
  });

  it('fills blanks and updates what the source states, never erasing or touching edits', async () => {
    await withStore(async (store) => {
      const refs = ['https://www.linkedin.com/in/mara-lind'];
      await writeLeadInputs(
        store,
        [input({ refs, profile: { company: 'Old Co', position: 'Buyer' } })],
        't',
      );
      const created = await getLead(store, refs[0]!);
      await store.db
        .updateTable('leads')
        .set({ manual_fields: JSON.stringify(['position']), position: 'Head Buyer' })
        .where('id', '=', created.id)
        .execute();

      const counts = await writeLeadInputs(
        store,
        [
          input({
            refs,
            profile: { company: 'New Co', position: 'Intern', headline: 'Hi', email: '' },
          }),
        ],
        't',
      );

      const lead = await readLead(store.db, created.id);
      expect(counts).toMatchObject({ updated: 1 });
      expect(lead).toMatchObject({
        company: 'New Co',
        position: 'Head Buyer',
        headline: 'Hi',
        version: 2,
      });
      const [, updated] = await events(store, lead.id);
      expect(JSON.parse(updated!.detail)).toEqual({
        fields: ['headline', 'company'],
        changes: { headline: { from: null, to: 'Hi' }, company: { from: 'Old Co', to: 'New Co' } },
      });
    });
  });

  it('never lets a partial name or a "-" cell erase what is known', async () => {
    await withStore(async (store) => {
      const refs = ['https://www.linkedin.com/in/jane-xu'];
      const known = { fullName: 'Jane Xu', firstName: 'Jane', lastName: 'Xu', position: 'CFO' };
      await writeLeadInputs(store, [input({ refs, profile: known })], 't');

      const counts = await writeLeadInputs(
        store,
        [input({ refs, profile: { fullName: 'Jane', firstName: 'Jane', position: '-' } })],
        't',
      );

      expect(counts).toMatchObject({ unchanged: 1 });
      expect(await getLead(store, refs[0]!)).toMatchObject(known);
    });
  });

  it('keeps pipeline fields a person works: status only from new, do-not-contact only set', async () => {
    await withStore(async (store) => {
      const refs = ['https://www.linkedin.com/in/mara-lind'];
      const write = (fields: Partial<LeadInput>) =>
        writeLeadInputs(store, [input({ refs, ...fields })], 't');
      await write({
        status: 'contacted',
        doNotContact: true,
        tags: ['a'],
        followUpOn: '2025-10-01',
      });
      await write({
        status: 'new_lead',
        doNotContact: false,
        tags: ['b', 'a'],
        followUpOn: '2025-11-01',
      });

      expect(await getLead(store, refs[0]!)).toMatchObject({
        status: 'contacted',
        doNotContact: true,
        tags: ['a', 'b'],
        followUpOn: '2025-10-01',
      });
    });
  });

  it('merges two leads when one input states identities of both', async () => {
    await withStore(async (store) => {
      await writeLeadInputs(
        store,
        [input({ refs: ['https://www.linkedin.com/in/mara-lind'], profile: { company: 'Fjord' } })],
        't',
      );
      await writeLeadInputs(
        store,
        [input({ memberIds: [memberId], profile: { headline: 'Buyer' }, tags: ['sn'] })],
        't',
      );
      const byVanity = await getLead(store, 'in:mara-lind');
      const byMember = await getLead(store, `mid:${memberId}`);
      await store.db
        .insertInto('notes')
        .values({
          lead_id: byMember.id,
          body: 'met at the fair',
          author: 'me',
          created_at: '2025-09-01T00:00:00Z',
        })
        .execute();

      const counts = await writeLeadInputs(
        store,
        [input({ refs: ['https://www.linkedin.com/in/mara-lind'], memberIds: [memberId] })],
        't',
      );

      const lead = await getLead(store, `mid:${memberId}`);
      expect(counts).toMatchObject({ merged: 1, created: 0, updated: 0 });
      expect(lead.id).toBe(byVanity.id);
      expect(lead).toMatchObject({ company: 'Fjord', headline: 'Buyer', tags: ['sn'], version: 2 });
      expect(lead.identities.sort()).toEqual([`mid:${memberId}`, 'in:mara-lind'].sort());
      const notes = await store.db.selectFrom('notes').select('lead_id').execute();
      expect(notes).toEqual([{ lead_id: lead.id }]);
      const types = (await events(store, lead.id)).map((event) => event.type);
      expect(types.sort()).toEqual(['created', 'created', 'merged']);
      const left = await store.db.selectFrom('leads').select('id').execute();
      expect(left).toEqual([{ id: lead.id }]);
    });
  });

  it('within one import, a later input naming a person wins, with a warning', async () => {
    await withStore(async (store) => {
      const refs = ['https://www.linkedin.com/in/mara-lind'];
      const session = newImportSession();
      const first = input({ refs, profile: { company: 'First', location: 'Oslo' } });
      await writeLeadInputs(store, [first], 't', { session });
      const later = input({ refs, profile: { company: 'Second', position: 'Buyer' } });
      const counts = await writeLeadInputs(store, [later], 't', { session });

      expect(counts).toMatchObject({ updated: 0, repeated: 1 });
      expect(counts.warnings).toEqual([
        {
          record: later.record,
          line: later.line,
          message: `names the same person as record ${first.record}: this later record wins`,
        },
      ]);
      expect(await getLead(store, refs[0]!)).toMatchObject({
        company: 'Second',
        position: 'Buyer',
        location: 'Oslo',
      });
    });
  });

  it('a re-import of a file skips what it applied: the marks of its records on the leads', async () => {
    await withStore(async (store) => {
      const refs = ['https://www.linkedin.com/in/mara-lind'];
      const early = input({ refs, profile: { company: 'Early' } });
      const late = input({ refs, profile: { company: 'Late' } });
      const importOnce = () =>
        writeLeadInputs(store, [early, late], 't', { session: newImportSession('f1') });

      await importOnce();
      const lead = await getLead(store, refs[0]!);
      const again = await importOnce();
      const afterAgain = await getLead(store, refs[0]!);
      const other = await writeLeadInputs(store, [early], 't', {
        session: newImportSession('f2'),
      });

      expect(lead).toMatchObject({ company: 'Late', version: 1 });
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1, repeated: 1 });
      expect(afterAgain).toEqual(lead);
      expect(other).toMatchObject({ updated: 1 });
      expect(await getLead(store, refs[0]!)).toMatchObject({ company: 'Early', version: 2 });
    });
  });

  it('lets only the source that set a field change it; others fill blanks', async () => {
    await withStore(async (store) => {
      const refs = ['https://www.linkedin.com/in/mara-lind'];
      const write = (source: string, profile: LeadInput['profile']) =>
        writeLeadInputs(store, [input({ refs, source, profile })], `import:${source}`);

      await write('connections', { position: 'Buyer', connectedOn: '2024-12-01' });
      await write('linkedhelper', {
        position: 'Chief Buyer',
        headline: 'Buys freight',
        connectedOn: '2025-09-22',
      });
      const settled = await getLead(store, refs[0]!);
      const round = [
        await write('connections', { position: 'Buyer', connectedOn: '2024-12-01' }),
        await write('linkedhelper', {
          position: 'Chief Buyer',
          headline: 'Buys freight',
          connectedOn: '2025-09-22',
        }),
      ];
      await write('connections', { position: 'Head Buyer' });

      expect(settled).toMatchObject({
        position: 'Buyer',
        headline: 'Buys freight',
        connectedOn: '2024-12-01',
      });
      expect(round.map((counts) => counts.unchanged)).toEqual([1, 1]);
      expect(await getLead(store, refs[0]!)).toMatchObject({
        position: 'Head Buyer',
        headline: 'Buys freight',
        version: settled.version + 1,
      });
    });
  });

  it('rejects what cannot be matched, and writes the rest', async () => {
    await withStore(async (store) => {
      const counts = await writeLeadInputs(
        store,
        [
          input({ refs: [], placeholder: true }),
          input({ memberIds: [memberId.toLowerCase()] }),
          input({ refs: ['https://example.com/in/mara'] }),
          input({ refs: ['https://www.linkedin.com/in/ok-person'] }),
        ],
        't',
      );

      expect(counts.created).toBe(1);
      expect(counts.rejections.map((r) => r.code)).toEqual([
        'unidentifiable',
        'mangled_member_id',
        'unidentifiable',
      ]);
      expect(counts.rejections[0]!.reason).toMatch(/LinkedIn Member/);
      expect(counts.rejections[2]!.reason).toBe(
        '"https://example.com/in/mara" is not a LinkedIn profile (not linkedin)',
      );
    });
  });
});
