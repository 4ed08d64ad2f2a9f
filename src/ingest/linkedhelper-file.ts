import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../errors.ts';
import { detectPostFormat } from '../posts/posts-import.ts';
import type { ImportItem, ImportSourceFile } from './import-source.ts';
import { personStartLines } from './json-person-lines.ts';
import { linkedHelperItems } from './linkedhelper.ts';
import { lineOfOffset, scanUtf8 } from './text-encoding.ts';

/** A file starts like JSON when its first visible character opens an object or an array. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/** The file's text: JSON is UTF-8, so any other byte refuses the file, naming its line. */
function jsonText(bytes: Buffer, fileName: string): string {
  const { invalidAt } = scanUtf8(bytes);
  if (invalidAt >= 0) {
    const line = lineOfOffset(bytes, invalidAt);
    throw new AppError(
      'bad_file',
      `${fileName} is not UTF-8: line ${line} holds bytes of another encoding; JSON is UTF-8, so save it as UTF-8 and import it again`,
      { details: { fileName, line } },
    );
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_file', `${fileName} is not valid JSON: ${message}`);
  }
}

/** Fields by which a LinkedHelper person names who it is, in either spelling. */
const personFields = [
  'profile_url',
  'public_id',
  'member_id',
  'sn_member_id',
  'hash_id',
  'profileUrl',
  'publicIdentifier',
  'memberId',
];

/**
 * A posts dataset (Apify, PhantomBuster activity) read as lead profiles would reject every
 * item for want of a profile URL: such a file is refused whole, saying how to import it.
 */
function refusePosts(body: unknown, fileName: string): void {
  const first = Array.isArray(body) ? body.find((item) => typeof item === 'object') : body;
  if (first === null || typeof first !== 'object' || Array.isArray(first)) return;
  if (personFields.some((field) => field in first)) return;
  let format: string;
  try {
    format = detectPostFormat(body, fileName);
  } catch {
    return;
  }
  const tool = format === 'apify' ? 'an Apify posts dataset' : 'a PhantomBuster activity result';
  throw new AppError(
    'unknown_format',
    `${fileName} is ${tool}, not lead profiles: import it as posts, with \`leadbase posts import ${fileName} --client <id>\``,
    { details: { fileName, format } },
  );
}

/** The persons of the file; a body that holds none fails here, naming the file. */
function personItems(body: unknown, fileName: string): ImportItem[] {
  let items: ImportItem[];
  try {
    items = linkedHelperItems(body);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError('bad_file', `${fileName}: ${error.message}`, { issues: error.issues });
  }
  if (items.length === 0) {
    throw new AppError('empty_import', `${fileName} is an empty JSON array: it holds no person`, {
      details: { fileName, format: 'linkedhelper' },
    });
  }
  return items;
}

/**
 * Opens a file of LinkedHelper bodies (one body, an array of persons, or an array of
 * deliveries) for import. Each person is one record; its line is where its value starts.
 */
export async function openLinkedHelperFile(path: string): Promise<ImportSourceFile> {
  // TODO(json streaming): parse LinkedHelper files as a stream – when a file of deliveries
  // outgrows memory; webhook dumps seen so far are a few megabytes.
  const bytes = await readFile(path);
  const fileName = basename(path);
  const text = jsonText(bytes, fileName);
  const body = parseJson(text, fileName);
  refusePosts(body, fileName);
  const items = personItems(body, fileName);

  const lines = personStartLines(text);
  items.forEach((item, index) => {
    const at = 'input' in item ? item.input : item.rejection;
    at.line = lines[index] ?? 0;
  });
  return {
    format: 'linkedhelper',
    headerLine: 1,
    notes: [],
    items,
    bytesRead: () => bytes.length,
    totalBytes: bytes.length,
  };
}
