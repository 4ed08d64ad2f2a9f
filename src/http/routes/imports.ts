import multipart from '@fastify/multipart';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { type ImportOptions, importFile, parseColumnMap } from '../../ingest/import-file.ts';
import { ImportProgressBoard } from '../../ingest/import-progress.ts';
import { type AppInstance, noQuerySchema, withTenantStore } from '../route-kit.ts';
import type { ServerSettings } from '../server-config.ts';
import { importPreviewRoute } from './import-preview.ts';
import { importProgressRoute, trackedImport } from './import-progress.ts';
import { type ImportFields, receiveUpload } from './import-upload.ts';
import { wholeNumberText } from './text-values.ts';

const tags = ['imports'];

const importReportSchema = z
  .object({
    fileName: z.string(),
    format: z.enum(['connections', 'salesnav', 'airtable', 'linkedhelper', 'mapped']),
    dryRun: z.boolean(),
    records: z.number().int(),
    created: z.number().int(),
    updated: z
      .number()
      .int()
      .meta({ description: 'Records that changed a lead stored before this import' }),
    repeated: z.number().int().meta({
      description:
        'Later records of a person an earlier record of this file named, that changed what it made (the later record wins)',
    }),
    unchanged: z.number().int(),
    merged: z.number().int(),
    rejected: z.number().int(),
    rejections: z.array(
      z.object({ record: z.number(), line: z.number(), code: z.string(), reason: z.string() }),
    ),
    warnings: z.array(z.object({ record: z.number(), line: z.number(), message: z.string() })),
  })
  .meta({ id: 'ImportReport' });

const countNames = [
  'records',
  'created',
  'updated',
  'repeated',
  'unchanged',
  'merged',
  'rejected',
  'warnings',
];

const importEntrySchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  format: z.string(),
  createdAt: z.string(),
  counts: z.record(z.string(), z.number()),
});

function optionsOf(fields: ImportFields): ImportOptions {
  return {
    ...(fields.format === undefined ? {} : { format: fields.format }),
    ...(fields.map === undefined ? {} : { map: parseColumnMap(fields.map) }),
    ...(fields.dateOrder === undefined ? {} : { dateOrder: fields.dateOrder }),
    dryRun: fields.dryRun === 'true',
  };
}

function entryOf(row: {
  id: number;
  file_name: string;
  format: string;
  counts: string;
  created_at: string;
}) {
  const stored = JSON.parse(row.counts) as Record<string, unknown>;
  const counts = Object.fromEntries(
    countNames
      .filter((name) => typeof stored[name] === 'number')
      .map((name) => [name, stored[name]]),
  ) as Record<string, number>;
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format,
    createdAt: row.created_at,
    counts,
  };
}

/** Upload a file into the import pipeline the CLI uses; list what was imported. */
export function importsRoutes(settings: ServerSettings) {
  return async (app: AppInstance): Promise<void> => {
    await app.register(multipart, {
      limits: { fileSize: settings.uploadLimit, files: 1, fields: 10, parts: 12 },
    });
    importPreviewRoute(app);
    const progress = new ImportProgressBoard();
    importProgressRoute(app, progress);

    app.post(
      '/imports',
      {
        config: { auth: 'client' },
        schema: {
          tags,
          summary: 'Import an uploaded file (multipart field "file"); answers the import report',
          querystring: noQuerySchema,
          consumes: ['multipart/form-data'],
          response: { 200: importReportSchema },
        },
      },
      async (request) => {
        if (!request.isMultipart()) {
          throw new AppError('unsupported_media_type', 'an import is a multipart/form-data upload');
        }
        const upload = await receiveUpload(request);
        try {
          return await withTenantStore(request, (store, client) =>
            trackedImport(progress, client.id, upload, (onProgress) =>
              importFile(store, upload.path, { ...optionsOf(upload.fields), onProgress }),
            ),
          );
        } catch (error) {
          throw upload.describeError(error);
        } finally {
          await upload.discard();
        }
      },
    );

    app.get(
      '/imports',
      {
        config: { auth: 'client' },
        schema: {
          tags,
          summary: "The client's imports, newest first",
          querystring: noQuerySchema,
          response: { 200: z.object({ imports: z.array(importEntrySchema) }) },
        },
      },
      async (request) =>
        withTenantStore(request, async (store) => {
          const rows = await store.db
            .selectFrom('imports')
            .selectAll()
            .orderBy('id', 'desc')
            .execute();
          return { imports: rows.map(entryOf) };
        }),
    );

    app.get(
      '/imports/:importId',
      {
        config: { auth: 'client' },
        schema: {
          tags,
          summary: 'One import',
          querystring: noQuerySchema,
          params: z.strictObject({ importId: wholeNumberText(1, Number.MAX_SAFE_INTEGER) }),
          response: { 200: importEntrySchema },
        },
      },
      async (request) =>
        withTenantStore(request, async (store) => {
          const id = request.params.importId;
          const row = await store.db
            .selectFrom('imports')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirst();
          if (!row) throw new AppError('not_found', `no import with id ${id}`);
          return entryOf(row);
        }),
    );
  };
}
