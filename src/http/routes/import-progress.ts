import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { ImportOptions } from '../../ingest/import-file.ts';
import type { ImportProgressBoard } from '../../ingest/import-progress.ts';
import { type AppInstance, noQuerySchema, requestTenant } from '../route-kit.ts';
import type { ReceivedUpload } from './import-upload.ts';

type OnProgress = NonNullable<ImportOptions['onProgress']>;

/** A progress key as the board holds it: scoped by client, so no client reads another's. */
const boardKey = (clientId: string, progressKey: string) => `${clientId}:${progressKey}`;

/**
 * Runs an upload's import, reporting its progress on `board` under the upload's progress key
 * when it gave one.
 */
export async function trackedImport<T>(
  board: ImportProgressBoard,
  clientId: string,
  upload: ReceivedUpload,
  work: (onProgress: OnProgress | undefined) => Promise<T>,
): Promise<T> {
  const { progressKey } = upload.fields;
  if (progressKey === undefined) return work(undefined);

  const key = boardKey(clientId, progressKey);
  board.start(key, (await stat(upload.path)).size);
  try {
    return await work(({ bytesRead, totalBytes, records }) =>
      board.update(key, { bytesRead, totalBytes, records }),
    );
  } finally {
    board.finish(key);
  }
}

const progressSchema = z
  .object({
    bytesRead: z.number().int(),
    totalBytes: z.number().int(),
    records: z.number().int(),
    done: z.boolean(),
  })
  .meta({ id: 'ImportProgress' });

/** `GET /imports/progress/:progressKey`: how far the import of an upload has come. */
export function importProgressRoute(app: AppInstance, board: ImportProgressBoard): void {
  app.get(
    '/imports/progress/:progressKey',
    {
      config: { auth: 'client' },
      schema: {
        tags: ['imports'],
        summary: 'How far an import is: bytes read, records read, whether it is done',
        querystring: noQuerySchema,
        params: z.strictObject({ progressKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }),
        response: { 200: progressSchema },
      },
    },
    async (request) => {
      const { client } = requestTenant(request);
      const found = board.get(boardKey(client.id, request.params.progressKey));
      if (!found) {
        throw new AppError('not_found', 'no import is running or recently done under that key');
      }
      return found;
    },
  );
}
