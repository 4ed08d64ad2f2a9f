import type { Kysely } from 'kysely';
import { nowIso } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { TenantDatabase } from '../db/tenant-schema.ts';
import { type SourceColumns, sourceColumns, storedSourceColumns } from './post.ts';
import type { PostInput } from './post-input.ts';
import { mergeIntoStored, mergePostInputs } from './post-merge.ts';

export interface PostWriteCounts {
  /** Distinct posts in the input, after repeats merged. */
  posts: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Items that repeated a post already in the same input (pagination repeats). */
  repeats: number;
  /** IDs of the posts created, for callers that count new posts. */
  createdIds: string[];
}

const chunkSize = 500;

/** Repeats of one post in one input become one statement of it. */
export function mergeRepeats(inputs: PostInput[]): { posts: PostInput[]; repeats: number } {
  const byId = new Map<string, PostInput>();
  for (const input of inputs) {
    const earlier = byId.get(input.id);
    byId.set(input.id, earlier ? mergePostInputs(earlier, input) : input);
  }
  return { posts: [...byId.values()], repeats: inputs.length - byId.size };
}

function sameColumns(a: SourceColumns, b: SourceColumns): boolean {
  return (Object.keys(a) as (keyof SourceColumns)[]).every((key) => a[key] === b[key]);
}

async function writeChunk(
  trx: Kysely<TenantDatabase>,
  posts: PostInput[],
  counts: PostWriteCounts,
): Promise<void> {
  const now = nowIso();
  const ids = posts.map((post) => post.id);
  const rows = await trx.selectFrom('posts').selectAll().where('id', 'in', ids).execute();
  const stored = new Map(rows.map((row) => [row.id, row]));

  for (const post of posts) {
    const existing = stored.get(post.id);
    const next = sourceColumns(post);
    if (!existing) {
      await trx
        .insertInto('posts')
        .values({
          id: post.id,
          ...next,
          score_status: 'pending',
          first_seen_at: now,
          updated_at: now,
        })
        .execute();
      counts.created += 1;
      counts.createdIds.push(post.id);
      continue;
    }
    const before = storedSourceColumns(existing);
    const merged = mergeIntoStored(before, next);
    if (sameColumns(before, merged)) {
      counts.unchanged += 1;
      continue;
    }
    // New words need a new score; new counts alone do not.
    const reword = before.text !== merged.text || before.original_text !== merged.original_text;
    await trx
      .updateTable('posts')
      .set({ ...merged, updated_at: now, ...(reword ? { score_status: 'pending' } : {}) })
      .where('id', '=', post.id)
      .execute();
    counts.updated += 1;
  }
}

/**
 * Stores posts: new IDs are created, known ones updated where the source says more, repeats
 * merged. One write transaction per chunk of 500.
 */
export async function writePostInputs(
  store: TenantStore,
  inputs: PostInput[],
): Promise<PostWriteCounts> {
  const { posts, repeats } = mergeRepeats(inputs);
  const counts: PostWriteCounts = {
    posts: posts.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    repeats,
    createdIds: [],
  };
  for (let start = 0; start < posts.length; start += chunkSize) {
    const chunk = posts.slice(start, start + chunkSize);
    await store.dialect.writeTransaction(store.db, (trx) => writeChunk(trx, chunk, counts));
  }
  return counts;
}
