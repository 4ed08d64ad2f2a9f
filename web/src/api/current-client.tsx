import { type QueryKey, type UseQueryOptions, useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { api } from './client.ts';
import type { ClientSummary } from './session.ts';

const CurrentClientContext = createContext<ClientSummary | null>(null);

/** Makes `client` the one every page below reads and writes. */
export function CurrentClientProvider(props: { client: ClientSummary; children: ReactNode }) {
  return (
    <CurrentClientContext.Provider value={props.client}>
      {props.children}
    </CurrentClientContext.Provider>
  );
}

/** The client the pages act for (the signed-in client, or the one an admin chose). */
export function useCurrentClient(): ClientSummary {
  const client = useContext(CurrentClientContext);
  if (!client) throw new Error('useCurrentClient is used outside a CurrentClientProvider');
  return client;
}

/** A query key that starts with the client's ID, so one client's cache never shows another's. */
export function clientKey(clientId: string, ...parts: unknown[]): QueryKey {
  return ['client', clientId, ...parts];
}

/** GET `path` as JSON, cached under the current client's key plus `key`. */
export function useClientQuery<T>(
  key: readonly unknown[],
  path: string,
  options: Omit<UseQueryOptions<T>, 'queryKey' | 'queryFn'> = {},
) {
  const client = useCurrentClient();
  return useQuery<T>({
    queryKey: clientKey(client.id, ...key),
    queryFn: ({ signal }) => api<T>(path, { signal }),
    ...options,
  });
}
