import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../api/client.ts';
import { clientKey, useClientQuery, useCurrentClient } from '../api/current-client.tsx';
import type {
  PostRubric,
  PostRubricVersion,
  Rubric,
  RubricPreview,
  RubricVersion,
} from './rubric-types.ts';

const rubricKey = 'rubric';
const postRubricKey = 'post-rubric';

/** How many changed leads a preview lists (the API counts them all). */
export const previewListLimit = 20;

/** The current version, or null while the client has none (the API says rubric_missing). */
async function currentOrNull<T>(path: string, signal: AbortSignal): Promise<T | null> {
  try {
    return await api<T>(path, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'rubric_missing') return null;
    throw error;
  }
}

function useCurrentVersion<T>(key: string, path: string) {
  const client = useCurrentClient();
  return useQuery<T | null>({
    queryKey: clientKey(client.id, key, 'current'),
    queryFn: ({ signal }) => currentOrNull<T>(path, signal),
  });
}

export function useCurrentRubric() {
  return useCurrentVersion<RubricVersion>(rubricKey, '/rubric');
}

export function useRubricVersions() {
  return useClientQuery<{ versions: RubricVersion[] }>([rubricKey, 'versions'], '/rubric/versions');
}

export function useCurrentPostRubric() {
  return useCurrentVersion<PostRubricVersion>(postRubricKey, '/posts/rubric');
}

export function usePostRubricVersions() {
  return useClientQuery<{ versions: PostRubricVersion[] }>(
    [postRubricKey, 'versions'],
    '/posts/rubric/versions',
  );
}

/** A write that changes the versions; every cached view of them is read again. */
function useVersionWrite<Input, Output>(key: string, write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  const client = useCurrentClient();
  return useMutation({
    mutationFn: write,
    // Not awaited: the refetch re-keys the editor, which would drop the caller's onSuccess.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKey(client.id, key) });
    },
  });
}

/** Previews a rubric not stored yet, or a stored version by its number. */
export function usePreview() {
  return useMutation({
    mutationFn: (target: { rubric: Rubric } | { version: number }) =>
      'rubric' in target
        ? api<RubricPreview>(`/rubric/preview?limit=${previewListLimit}`, {
            method: 'POST',
            body: { rubric: target.rubric },
          })
        : api<RubricPreview>(
            `/rubric/versions/${target.version}/preview?limit=${previewListLimit}`,
            {
              method: 'POST',
            },
          ),
  });
}

/** Stores a new rubric version; the API makes it current. */
export function useAddVersion() {
  return useVersionWrite(rubricKey, (input: { rubric: Rubric; note?: string }) =>
    api<RubricVersion>('/rubric/versions', { method: 'POST', body: input }),
  );
}

export function useActivateVersion() {
  return useVersionWrite(rubricKey, (version: number) =>
    api<RubricVersion>(`/rubric/versions/${version}/activate`, { method: 'POST' }),
  );
}

export function useAddPostVersion() {
  return useVersionWrite(postRubricKey, (input: { rubric: PostRubric; note?: string }) =>
    api<PostRubricVersion>('/posts/rubric/versions', { method: 'POST', body: input }),
  );
}

/** What adds a version: the rubric, and the note when one was written. */
export function versionInput<R>(rubric: R, note: string): { rubric: R; note?: string } {
  const trimmed = note.trim();
  return trimmed === '' ? { rubric } : { rubric, note: trimmed };
}
