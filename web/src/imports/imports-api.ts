import type { ImportPreview, PreviewRow } from '../../../src/ingest/import-preview.ts';
import type { ImportFormat, ImportReport } from '../../../src/ingest/import-report.ts';
import { ApiError, actingClient, api, csrfHeader } from '../api/client.ts';
import { useClientQuery } from '../api/current-client.tsx';

/**
 * What POST /api/imports and /api/imports/preview answer (src/http/routes/imports.ts,
 * import-preview.ts): the server's own types, so the two cannot drift apart.
 */
export type { ImportFormat, ImportPreview, ImportReport, PreviewRow };

export interface ImportEntry {
  id: number;
  fileName: string;
  format: string;
  createdAt: string;
  counts: Record<string, number>;
}

/** What the import form sends with the file. */
export interface ImportChoices {
  format: 'auto' | ImportFormat;
  dateOrder: '' | 'DMY' | 'MDY';
  /** A column map as the API takes it ("url=Profile,company=Org"), for a plain CSV. */
  map: string | null;
}

function formOf(file: File, choices: ImportChoices, extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(extra)) form.append(name, value);
  if (choices.map !== null) form.append('map', choices.map);
  else if (choices.format !== 'auto') form.append('format', choices.format);
  if (choices.dateOrder !== '') form.append('dateOrder', choices.dateOrder);
  // Fields first: the server reads them before it stores the file.
  form.append('file', file);
  return form;
}

export function previewImport(file: File, choices: ImportChoices): Promise<ImportPreview> {
  return api<ImportPreview>('/imports/preview', { method: 'POST', body: formOf(file, choices) });
}

function errorOf(request: XMLHttpRequest): ApiError {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(request.responseText) as Record<string, unknown>;
  } catch {
    // Not problem+json: the status alone says what happened.
  }
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  return new ApiError(
    request.status,
    text(body.code, `http_${request.status}`),
    text(body.title, 'The import failed'),
    text(body.detail, request.status === 0 ? 'The server could not be reached.' : ''),
    [],
  );
}

/**
 * Uploads a file into the import (XMLHttpRequest, because fetch reports no upload progress):
 * `onProgress` gets the share of the file sent, from 0 to 1.
 */
export function uploadImport(
  file: File,
  choices: ImportChoices,
  options: { dryRun: boolean; progressKey: string; onProgress: (sent: number) => void },
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/imports');
    request.setRequestHeader(csrfHeader, '1');
    const clientId = actingClient();
    if (clientId !== null) request.setRequestHeader('x-client-id', clientId);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === 200) resolve(JSON.parse(request.responseText) as ImportReport);
      else reject(errorOf(request));
    };
    request.onerror = () => reject(errorOf(request));
    const extra = {
      progressKey: options.progressKey,
      ...(options.dryRun ? { dryRun: 'true' } : {}),
    };
    request.send(formOf(file, choices, extra));
  });
}

/** GET /api/imports/progress/:progressKey (src/http/routes/import-progress.ts). */
export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  records: number;
  done: boolean;
}

/** How far the server is with an upload's import; null until it has started on it. */
export async function importProgress(progressKey: string): Promise<ImportProgress | null> {
  try {
    return await api<ImportProgress>(`/imports/progress/${progressKey}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function useImportHistory() {
  return useClientQuery<{ imports: ImportEntry[] }>(['imports'], '/imports');
}
