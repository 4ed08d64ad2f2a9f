import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { clientKey, useCurrentClient } from '../api/current-client.tsx';
import { type ImportChoices, importProgress, previewImport, uploadImport } from './imports-api.ts';

const initialChoices: ImportChoices = { format: 'auto', dateOrder: '', map: null };

/**
 * The steps of an import: choose a file (its preview follows at once), adjust the format, date
 * order or column map (each previews again), then import it or dry-run it, watching the upload.
 */
export function useImportFlow() {
  const client = useCurrentClient();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [choices, setChoices] = useState<ImportChoices>(initialChoices);
  const [sent, setSent] = useState(0);
  const [progressKey, setProgressKey] = useState<string | null>(null);

  const preview = useMutation({
    mutationFn: (input: { file: File; choices: ImportChoices }) =>
      previewImport(input.file, input.choices),
  });
  const run = useMutation({
    mutationFn: (input: { file: File; choices: ImportChoices; dryRun: boolean }) => {
      const key = crypto.randomUUID();
      setSent(0);
      setProgressKey(key);
      return uploadImport(input.file, input.choices, {
        dryRun: input.dryRun,
        progressKey: key,
        onProgress: setSent,
      });
    },
    onSuccess: (report) => {
      // Every page of the client may show what the import changed.
      if (!report.dryRun) queryClient.invalidateQueries({ queryKey: clientKey(client.id) });
    },
  });

  // Once the file is up, the server's own progress: records read and bytes of the file.
  const processed = useQuery({
    queryKey: clientKey(client.id, 'import-progress', progressKey),
    queryFn: () => importProgress(progressKey!),
    enabled: run.isPending && sent >= 1 && progressKey !== null,
    refetchInterval: 500,
    retry: false,
  });

  const check = (nextFile: File | null, next: ImportChoices) => {
    setFile(nextFile);
    setChoices(next);
    run.reset();
    if (nextFile) preview.mutate({ file: nextFile, choices: next });
    else preview.reset();
  };

  return {
    file,
    choices,
    preview,
    run,
    /** Share of the file uploaded (0–1) by the import under way. */
    sent,
    /** The server's progress with it, once the upload is complete. */
    processed: run.isPending ? (processed.data ?? null) : null,
    chooseFile: (next: File | null) => check(next, { ...choices, map: null }),
    choose: (change: Partial<ImportChoices>) => check(file, { ...choices, ...change }),
    start: (dryRun: boolean) => {
      if (file) run.mutate({ file, choices, dryRun });
    },
  };
}
