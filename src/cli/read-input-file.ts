import { readFile } from 'node:fs/promises';
import { AppError } from '../errors.ts';

/** A whole (small) input file as text; a missing or unreadable file is a one-line error. */
export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new AppError('bad_file', `cannot read ${path}: ${describeFsCode(reason)}`, {
      cause: error,
    });
  }
}

export function describeFsCode(code: string): string {
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code;
}

/** Parses JSON from `path`, saying where it breaks when it does. */
export function parseJsonFile(text: string, path: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_file', `${path} is not valid JSON: ${reason}`, { cause: error });
  }
}
