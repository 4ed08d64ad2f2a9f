import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { refuseNul } from '../nul-characters.ts';
import { fieldIssues } from '../validation-issues.ts';
import { plainValidationMessages } from '../validation-messages.ts';

/** The form fields an upload may carry next to its one file. */
export const importFieldsSchema = z.strictObject({
  format: z
    .enum(['auto', 'connections', 'salesnav', 'airtable', 'linkedhelper', 'mapped'])
    .optional(),
  map: z.string().min(1).max(2000).optional().describe('column map, as the CLI --map takes it'),
  dryRun: z.enum(['true', 'false']).optional(),
  dateOrder: z.enum(['DMY', 'MDY']).optional(),
  progressKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, - or _')
    .optional()
    .describe("the uploader's key for polling GET /imports/progress/:progressKey"),
});

export type ImportFields = z.infer<typeof importFieldsSchema>;

export interface ReceivedUpload<F = ImportFields> {
  path: string;
  /** The uploaded file's own name, as the file is named in the temporary folder. */
  fileName: string;
  fields: F;
  /** An import error as the uploader should see it: naming the uploaded file, not our copy. */
  describeError(error: unknown): unknown;
  /** Removes the temporary copy. */
  discard(): Promise<void>;
}

const oneFileRule = 'an upload takes exactly one file, in the field "file"';

/** The uploaded file's own name, reduced to something safe to create in a folder of ours. */
function safeFileName(name: string): string {
  const base = basename(name.replaceAll('\\', '/')).replace(/[^\p{L}\p{N}._ -]/gu, '_');
  return base === '' || base.startsWith('.') ? `upload${base}` : base.slice(0, 200);
}

/** An error of the disk we copy to (it carries the failed system call), not of the upload. */
function isSystemError(error: unknown): boolean {
  return typeof (error as { syscall?: unknown } | null)?.syscall === 'string';
}

/**
 * What went wrong with an upload, as the uploader should hear it. The multipart reader throws
 * plain errors for a body it cannot read (no boundary, cut short); those are the uploader's
 * fault, not ours. Its size limits keep their own 413 answers.
 */
function uploadError(error: unknown): unknown {
  if (error instanceof AppError || isSystemError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_FILES_LIMIT') return new AppError('bad_request', oneFileRule);
  if (typeof code === 'string' && code.startsWith('FST_')) return error;
  return new AppError('bad_request', 'the upload is not a readable multipart/form-data body', {
    cause: error,
  });
}

/** Replaces our temporary path with the uploaded file's name, wherever an error quotes it. */
function renamingErrors(folder: string, path: string, fileName: string) {
  const rename = (text: string) =>
    text
      .replaceAll(path, fileName)
      .replaceAll(`${folder}${sep}`, '')
      .replaceAll(folder, 'the upload');
  return (error: unknown): unknown => {
    if (!(error instanceof AppError)) return error;
    const issues = error.issues?.map((issue) => ({ ...issue, message: rename(issue.message) }));
    const details =
      error.details && (JSON.parse(rename(JSON.stringify(error.details))) as typeof error.details);
    return new AppError(error.code, rename(error.message), {
      ...(issues ? { issues } : {}),
      ...(details ? { details } : {}),
      cause: error,
    });
  };
}

async function readParts(request: FastifyRequest, folder: string) {
  const raw: Record<string, string> = {};
  let path: string | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      raw[part.fieldname] = String(part.value);
      continue;
    }
    if (path !== undefined || part.fieldname !== 'file') {
      part.file.resume();
      throw new AppError('bad_request', oneFileRule);
    }
    path = join(folder, safeFileName(part.filename));
    await pipeline(part.file, createWriteStream(path));
  }
  return { raw, path };
}

/**
 * Reads a multipart upload: its form fields, checked by `fieldsSchema` (a lead import's by
 * default), and its one file copied to a temporary folder so an import can stream it like any
 * file. Fields may come before or after the file.
 */
export function receiveUpload(request: FastifyRequest): Promise<ReceivedUpload>;
export function receiveUpload<F>(
  request: FastifyRequest,
  fieldsSchema: z.ZodType<F>,
): Promise<ReceivedUpload<F>>;
export async function receiveUpload(
  request: FastifyRequest,
  fieldsSchema: z.ZodType = importFieldsSchema,
): Promise<ReceivedUpload<unknown>> {
  const folder = await mkdtemp(join(tmpdir(), 'leadbase-upload-'));
  const discard = () => rm(folder, { recursive: true, force: true });

  try {
    const { raw, path } = await readParts(request, folder).catch((error: unknown) => {
      throw uploadError(error);
    });
    if (path === undefined) {
      throw new AppError('validation_failed', 'the upload has no file', {
        issues: [{ path: 'body.file', message: 'is required' }],
      });
    }
    const fileName = basename(path);
    const describeError = renamingErrors(folder, path, fileName);
    return { path, fileName, fields: parseFields(raw, fieldsSchema), describeError, discard };
  } catch (error) {
    await discard();
    throw error;
  }
}

function parseFields<F>(raw: Record<string, string>, schema: z.ZodType<F>): F {
  refuseNul({ body: raw });
  const result = schema.safeParse(raw, { error: plainValidationMessages });
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
