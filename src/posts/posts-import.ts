import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Client } from '../clients/client.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import { withoutNul } from '../ingest/nul-characters.ts';
import { counted } from '../words.ts';
import { apifyPostInputs } from './apify-posts.ts';
import { asItem } from './field-pick.ts';
import { leadIdsByKey, leadOf } from './lead-links.ts';
import { parseJsonLosslessly } from './lossless-json.ts';
import { phantomBusterPostInputs } from './phantombuster-activity.ts';
import type { ParsedPosts, PostRejection } from './post-input.ts';
import { postsOutsideServiceWarning } from './post-service.ts';
import { writePostInputs } from './post-store.ts';

export type PostFormat = 'apify' | 'phantombuster';

export interface PostImportOptions {
  format?: PostFormat | 'auto';
  /** Overrides the zone the source documents for times without an offset. */
  documentedZone?: string;
  now?: Date;
  /** The client the posts are for: a service level without posts adds a warning to the report. */
  client?: Pick<Client, 'id' | 'serviceLevel'>;
}

export interface PostImportReport {
  fileName: string;
  format: PostFormat;
  items: number;
  posts: number;
  created: number;
  updated: number;
  unchanged: number;
  repeats: number;
  /** Header and error rows the tool mixed in. */
  dropped: number;
  rejected: number;
  rejections: PostRejection[];
  /** Distinct leads of this client the posts belong to; the rest wait for their lead. */
  linkedLeads: number;
  unlinkedPosts: number;
  /** What the person importing should know, e.g. that the client's runs leave posts out. */
  warnings: string[];
}

const phantomBusterMarks = ['postContent', 'postUrl', 'postTimestamp', 'action', 'likeCount'];
const apifyMarks = ['author', 'postedAt', 'posted_at', 'linkedinUrl', 'urn', 'engagement', 'stats'];

/** Which tool wrote a posts body, from its shape and field names. */
export function detectPostFormat(body: unknown, where: string): PostFormat {
  const object = asItem(body);
  if (object && 'resultObject' in object) return 'phantombuster';
  const first = Array.isArray(body) ? body.map(asItem).find((item) => item !== null) : object;
  if (Array.isArray(body) && body.length === 0) {
    throw new AppError('empty_import', `${where} holds no items`);
  }
  if (first && phantomBusterMarks.some((name) => name in first)) return 'phantombuster';
  if (first && apifyMarks.some((name) => name in first)) return 'apify';
  throw new AppError(
    'unknown_format',
    `${where} is neither an Apify posts dataset (items with ${apifyMarks.join(', ')}) nor a ` +
      `PhantomBuster activity result (resultObject, or rows with ${phantomBusterMarks.join(', ')})`,
  );
}

export function parsePostsBody(
  body: unknown,
  format: PostFormat,
  options: PostImportOptions = {},
): ParsedPosts {
  const zone =
    options.documentedZone === undefined ? {} : { documentedZone: options.documentedZone };
  const common = { ...zone, ...(options.now ? { now: options.now } : {}) };
  if (format === 'phantombuster') return phantomBusterPostInputs(body, common);
  const items = Array.isArray(body) ? body : [body];
  return apifyPostInputs(items, common);
}

function warningsFor(client: PostImportOptions['client']): string[] {
  const warning = client === undefined ? null : postsOutsideServiceWarning(client);
  return warning === null ? [] : [warning];
}

/** Stores the posts of an already-read body (a file, an upload, a webhook, a dataset). */
export async function importPostsBody(
  store: TenantStore,
  body: unknown,
  where: string,
  options: PostImportOptions = {},
): Promise<PostImportReport> {
  const format =
    options.format && options.format !== 'auto' ? options.format : detectPostFormat(body, where);
  const nulWarnings: string[] = [];
  const read = parsePostsBody(body, format, options);
  const parsed = {
    ...read,
    inputs: read.inputs.map((input) => withoutNul(input, nulWarnings, `item ${input.record}`)),
  };
  if (parsed.inputs.length === 0) {
    const reasons = parsed.rejections.slice(0, 3).map((rejection) => rejection.reason);
    const items = counted(parsed.items, 'item');
    const why = reasons.length > 0 ? `: ${reasons.join('; ')}` : '';
    throw new AppError('empty_import', `${where} holds ${items} but no post${why}`);
  }

  const counts = await writePostInputs(store, parsed.inputs);
  const links = await leadIdsByKey(
    store.db,
    parsed.inputs.flatMap((input) => [input.authorKey, input.authorMemberKey]),
  );
  const leads = parsed.inputs.map((input) => leadOf(links, input));
  const distinct = new Map(parsed.inputs.map((input, index) => [input.id, leads[index]]));
  return {
    fileName: where,
    format,
    items: parsed.items,
    posts: counts.posts,
    created: counts.created,
    updated: counts.updated,
    unchanged: counts.unchanged,
    repeats: counts.repeats,
    dropped: parsed.dropped.length,
    rejected: parsed.rejections.length,
    rejections: parsed.rejections,
    linkedLeads: new Set(leads.filter((lead) => lead !== undefined)).size,
    unlinkedPosts: [...distinct.values()].filter((lead) => lead === undefined).length,
    warnings: [...warningsFor(options.client), ...nulWarnings],
  };
}

/** Imports a posts file: an Apify dataset export or a PhantomBuster activity result (JSON). */
export async function importPostsFile(
  store: TenantStore,
  path: string,
  options: PostImportOptions = {},
): Promise<PostImportReport> {
  const where = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('bad_file', `cannot read ${path}`, { cause: error });
  }
  let body: unknown;
  try {
    body = parseJsonLosslessly(text);
  } catch (error) {
    // TODO(csv results): read PhantomBuster's CSV result files too – when a client sends one.
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_file', `${where} is not JSON: ${detail}`);
  }
  return importPostsBody(store, body, where, options);
}
