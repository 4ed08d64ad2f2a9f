import type { Kysely } from 'kysely';
import type { TenantDatabase } from '../db/tenant-schema.ts';
import { identityKind, profileUrlOf } from '../leads/identity.ts';
import { absorb, draftFromRow, type LeadDraft, mergeOrder, newDraft } from './lead-draft.ts';
import { applyInput } from './lead-field-rules.ts';
import { newLeadId } from './lead-id.ts';
import type { ImportWarning, LeadInput } from './lead-input.ts';
import { LeadRecordMap } from './lead-record-map.ts';
import { paddedInList, statementChunks } from './statement-chunks.ts';

/**
 * What an input did: `repeated` is a later record of a person an earlier record of the same
 * import named (the later record wins, whether or not it changed anything), kept apart from
 * `updated` and `unchanged`, which count leads that existed before the import; so a file imported
 * again reports its repeats as before and each person once as unchanged.
 */
type InputOutcome = 'created' | 'updated' | 'unchanged' | 'merged' | 'repeated';

/** What one import carries from batch to batch. */
export interface ImportSession {
  /** Each lead the import named so far, with the last record that named it. */
  readonly named: LeadRecordMap;
  /**
   * The file being imported, as its marks name it (the start of its sha256); none for a webhook.
   * A lead whose mark says a record of this file at or after this one was applied already has
   * what this record says: the record is superseded, and a re-import changes nothing.
   */
  readonly fileMark: string | null;
}

export function newImportSession(fileMark: string | null = null): ImportSession {
  return { named: new LeadRecordMap(), fileMark };
}

/** A lead's mark of a record of a file: the file's mark and the record number. */
const recordMark = (fileMark: string, record: number) => `${fileMark}:${record}`;

function supersedes(mark: string | undefined, fileMark: string, record: number): boolean {
  if (mark === undefined || !mark.startsWith(`${fileMark}:`)) return false;
  return Number(mark.slice(fileMark.length + 1)) >= record;
}

/** The warning for a record naming a person an earlier record of the same import named. */
function repeatWarning(input: LeadInput, earlier: number): ImportWarning {
  return {
    record: input.record,
    line: input.line,
    message: `names the same person as record ${earlier}: this later record wins`,
  };
}

/** Set queries stay well under every engine's limit on bound parameters. */
const lookupChunk = 1_024;

/** The profile URL a lead shows: its vanity URL, else its legacy or member-ID URL. */
function preferredProfileUrl(keys: string[]): string | undefined {
  for (const kind of ['in', 'pub', 'mid']) {
    for (const key of keys) {
      const url = identityKind(key) === kind ? profileUrlOf(key) : null;
      if (url) return url;
    }
  }
  return undefined;
}

/**
 * The leads one batch of inputs names, resolved with two set queries, and the plan the inputs
 * make of them: new leads, updates, and merges when one input names two leads' identities.
 */
export class LeadBatch {
  readonly drafts = new Map<string, LeadDraft>();
  /** Stored leads folded into another, in the order the merges happened. */
  readonly storedMerges: Array<{ from: string; into: string }> = [];
  private readonly owners = new Map<string, string>();
  private readonly mergedInto = new Map<string, string>();

  static async load(db: Kysely<TenantDatabase>, keys: string[]): Promise<LeadBatch> {
    const batch = new LeadBatch();
    for (const part of statementChunks([...new Set(keys)], lookupChunk)) {
      const rows = await db
        .selectFrom('lead_identities')
        .select(['key', 'lead_id'])
        .where('key', 'in', paddedInList(part))
        .execute();
      for (const row of rows) batch.owners.set(row.key, row.lead_id);
    }
    for (const part of statementChunks([...new Set(batch.owners.values())], lookupChunk)) {
      const rows = await db
        .selectFrom('leads')
        .selectAll()
        .where('id', 'in', paddedInList(part))
        .execute();
      for (const row of rows) batch.drafts.set(row.id, draftFromRow(row));
    }
    return batch;
  }

  /**
   * Plans one input with its identities; returns what it does to the leads, and a warning when
   * an earlier record of the same import named the same person.
   */
  plan(
    input: LeadInput,
    keys: string[],
    session: ImportSession,
    now: string,
  ): { outcome: InputOutcome; warning?: ImportWarning } {
    const ids: string[] = [];
    for (const key of keys) {
      const id = this.ownerOf(key);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
    const earlier = ids.map((id) => session.named.get(id)).find((record) => record !== undefined);
    const applied = this.apply(input, keys, ids, session, now);
    if (earlier === undefined) return { outcome: applied };
    const outcome = applied === 'merged' ? 'merged' : 'repeated';
    return { outcome, warning: repeatWarning(input, earlier) };
  }

  private apply(
    input: LeadInput,
    keys: string[],
    ids: string[],
    session: ImportSession,
    now: string,
  ): InputOutcome {
    const named = ids.map((id) => this.drafts.get(id)!).sort(mergeOrder);
    const draft = named[0] ?? this.create(now);
    session.named.set(draft.id, input.record);
    if (named.length === 1 && this.isSuperseded(draft, input, keys, session)) return 'unchanged';
    for (const other of named.slice(1)) this.merge(draft, other);

    const before = named.length === 1 ? signature(draft) : '';
    for (const key of keys) {
      if (this.ownerOf(key) === undefined) draft.newKeys.push(key);
      this.owners.set(key, draft.id);
    }
    const profileUrl = input.profile.profileUrl ? undefined : preferredProfileUrl(keys);
    applyInput(draft, input, profileUrl);
    if (session.fileMark !== null) {
      draft.importMarks[input.source] = recordMark(session.fileMark, input.record);
    }

    if (named.length === 0) return 'created';
    if (named.length > 1) return 'merged';
    return signature(draft) === before ? 'unchanged' : 'updated';
  }

  /** True when the lead already holds this record's file from this record on (a re-import). */
  private isSuperseded(
    draft: LeadDraft,
    input: LeadInput,
    keys: string[],
    session: ImportSession,
  ): boolean {
    if (session.fileMark === null) return false;
    if (!supersedes(draft.importMarks[input.source], session.fileMark, input.record)) return false;
    return keys.every((key) => this.ownerOf(key) === draft.id);
  }

  private ownerOf(key: string): string | undefined {
    let id = this.owners.get(key);
    while (id !== undefined && this.mergedInto.has(id)) id = this.mergedInto.get(id);
    return id;
  }

  private create(now: string): LeadDraft {
    const draft = newDraft(newLeadId(), now);
    this.drafts.set(draft.id, draft);
    return draft;
  }

  private merge(survivor: LeadDraft, other: LeadDraft): void {
    absorb(survivor, other);
    this.drafts.delete(other.id);
    this.mergedInto.set(other.id, survivor.id);
    if (other.original) this.storedMerges.push({ from: other.id, into: survivor.id });
  }
}

/** Everything an input can change on a draft, as one comparable string. */
function signature(draft: LeadDraft): string {
  return JSON.stringify([draft.row, draft.tags, draft.extra, draft.sources, draft.newKeys.length]);
}
