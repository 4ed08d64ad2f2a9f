import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../errors.ts';
import type { ImportSourceFile } from './import-source.ts';
import { personStartLines } from './json-person-lines.ts';
import { linkedHelperInputs } from './linkedhelper.ts';

/** A file starts like JSON when its first visible character opens an object or an array. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/**
 * Opens a file of LinkedHelper bodies (one body, an array of persons, or an array of
 * deliveries) for import. Each person is one record; its line is where its object starts.
 */
export async function openLinkedHelperFile(path: string): Promise<ImportSourceFile> {
  // TODO(json streaming): parse LinkedHelper files as a stream – when a file of deliveries
  // outgrows memory; webhook dumps seen so far are a few megabytes.
  const bytes = await readFile(path);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_file', `${basename(path)} is not valid JSON: ${message}`);
  }

  const inputs = linkedHelperInputs(body);
  const lines = personStartLines(text);
  inputs.forEach((input, index) => {
    input.line = lines[index] ?? 0;
  });
  return {
    format: 'linkedhelper',
    headerLine: 1,
    notes: [],
    items: inputs.map((input) => ({ input })),
    bytesRead: () => bytes.length,
    totalBytes: bytes.length,
  };
}
