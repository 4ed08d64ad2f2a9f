import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { fieldIssues } from '../validation-issues.ts';

/** The form fields an upload may carry next to its one file. */
export const importFieldsSchema = z.strictObject({
  format: z
    .enum(['auto', 'connections', 'salesnav', 'airtable', 'linkedhelper', 'mapped'])
    .optional(),
  map: z.string().min(1).max(2000).optional().describe('column map, as the CLI --map takes it'),
  dryRun: z.enum(['true', 'false']).optional(),
  dateOrder: z.enum(['DMY', 'MDY']).optional(),
});

export type ImportFields = z.infer<typeof importFieldsSchema>;

export interface ReceivedUpload {
  path: string;
  fields: ImportFields;
  /** Removes the temporary copy. */
  discard(): Promise<void>;
}

/** The uploaded file's own name, reduced to something safe to create in a folder of ours. */
function safeFileName(name: string): string {
  const base = basename(name.replaceAll('\\', '/')).replace(/[^\p{L}\p{N}._ -]/gu, '_');
  return base === '' || base.startsWith('.') ? `upload${base}` : base.slice(0, 200);
}

/**
 * Reads a multipart upload: its form fields, and its one file copied to a temporary folder so
 * the import pipeline can stream it like any file. Fields may come before or after the file.
 */
export async function receiveUpload(request: FastifyRequest): Promise<ReceivedUpload> {
  const folder = await mkdtemp(join(tmpdir(), 'leadbase-upload-'));
  const discard = () => rm(folder, { recursive: true, force: true });
  const raw: Record<string, string> = {};
  let path: string | undefined;

  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        raw[part.fieldname] = String(part.value);
        continue;
      }
      if (path !== undefined || part.fieldname !== 'file') {
        part.file.resume();
        throw new AppError('bad_request', 'an upload takes exactly one file, in the field "file"');
      }
      path = join(folder, safeFileName(part.filename));
      await pipeline(part.file, createWriteStream(path));
    }
    if (path === undefined) {
      throw new AppError('validation_failed', 'the upload has no file', {
        issues: [{ path: 'body.file', message: 'is required' }],
      });
    }
    return { path, fields: parseFields(raw), discard };
  } catch (error) {
    await discard();
    throw error;
  }
}

function parseFields(raw: Record<string, string>): ImportFields {
  const result = importFieldsSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues = fieldIssues('body', result.error);
  throw new AppError(
    'validation_failed',
    `invalid upload: ${issues.map((i) => i.path).join(', ')}`,
    {
      issues,
    },
  );
}
