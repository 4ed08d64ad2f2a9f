import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { parseColumnMap } from '../../ingest/import-file.ts';
import { previewImportFile } from '../../ingest/import-preview.ts';
import { type AppInstance, noQuerySchema, requestTenant } from '../route-kit.ts';
import { receiveUpload } from './import-upload.ts';

const text = z.string().nullable();

const importPreviewSchema = z
  .object({
    fileName: z.string(),
    format: z.enum(['connections', 'salesnav', 'airtable', 'linkedhelper', 'mapped']).nullable(),
    rows: z.array(
      z.object({
        record: z.number().int(),
        line: z.number().int(),
        fullName: text,
        profile: text,
        company: text,
        position: text,
        location: text,
        email: text,
        rejection: text,
      }),
    ),
    columns: z.array(z.string()),
    problem: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'ImportPreview' });

/**
 * `POST /imports/preview`: the detected format and the first records of an uploaded file, read
 * as the import would read them; nothing is written. Registered inside the imports plugin,
 * whose multipart parser it uses.
 */
export function importPreviewRoute(app: AppInstance): void {
  app.post(
    '/imports/preview',
    {
      config: { auth: 'client' },
      schema: {
        tags: ['imports'],
        summary: 'Preview an upload: its detected format, or its columns to map, and first rows',
        querystring: noQuerySchema,
        consumes: ['multipart/form-data'],
        response: { 200: importPreviewSchema },
      },
    },
    async (request) => {
      // The preview reads no store, but only a signed-in client may have a file read.
      requestTenant(request);
      if (!request.isMultipart()) {
        throw new AppError('unsupported_media_type', 'a preview is a multipart/form-data upload');
      }
      const upload = await receiveUpload(request);
      const { format, map, dateOrder } = upload.fields;
      try {
        return await previewImportFile(upload.path, {
          ...(format === undefined ? {} : { format }),
          ...(map === undefined ? {} : { map: parseColumnMap(map) }),
          ...(dateOrder === undefined ? {} : { dateOrder }),
        });
      } catch (error) {
        throw upload.describeError(error);
      } finally {
        await upload.discard();
      }
    },
  );
}
