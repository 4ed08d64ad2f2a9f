import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { Route, Routes } from 'react-router';
import { ApiError, setActingClient } from '../api/client.ts';
import { CurrentClientProvider } from '../api/current-client.tsx';
import { type ClientSummary, type SessionInfo, sessionQueryKey, signOut } from '../api/session.ts';
import { confirmLosingUnsavedWork } from '../lib/unsaved-work.ts';
import { pageRoutes } from '../routes.tsx';
import { ClientSwitcher } from './ClientSwitcher.tsx';
import { ErrorState, Loading } from './ErrorState.tsx';
import { useFocusHeadingOnNavigation } from './focus-heading.ts';
import { MainNav } from './MainNav.tsx';

const chosenClientKey = 'leadbase.client';

/** The client an admin chose last in this tab, if it still exists. */
function rememberedClient(clients: ClientSummary[]): string | null {
  const remembered = sessionStorage.getItem(chosenClientKey);
  const found = clients.find((client) => client.id === remembered) ?? clients[0];
  return found?.id ?? null;
}

function useActingClient(session: SessionInfo) {
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(() =>
    session.kind === 'admin' ? rememberedClient(session.clients) : null,
  );
  const client =
    session.kind === 'client'
      ? session.client
      : (session.clients.find((candidate) => candidate.id === chosen) ?? null);
  setActingClient(session.kind === 'admin' ? (client?.id ?? null) : null);

  const choose = (clientId: string) => {
    if (!confirmLosingUnsavedWork()) return;
    sessionStorage.setItem(chosenClientKey, clientId);
    setActingClient(clientId);
    // Keys carry the client ID already; dropping the rest frees memory and stops refetches.
    queryClient.removeQueries({ queryKey: ['client'] });
    setChosen(clientId);
  };
  return { client, choose };
}

function SignOutButton() {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: signOut,
    onSettled: () => {
      sessionStorage.removeItem(chosenClientKey);
      setActingClient(null);
      // The session query stays observed by the gate; everything a client saw goes.
      queryClient.setQueryData(sessionQueryKey, null);
      queryClient.removeQueries({ queryKey: ['client'] });
    },
  });
  return (
    <button type="button" className="link-button" onClick={() => mutation.mutate()}>
      Sign out
    </button>
  );
}

/** Navigation, who is signed in, the admin's client switcher, and the pages. */
export function Shell(props: { session: SessionInfo }) {
  const { session } = props;
  const { client, choose } = useActingClient(session);
  useFocusHeadingOnNavigation();

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">Leadbase</span>
        {session.kind === 'admin' ? (
          <ClientSwitcher clients={session.clients} value={client?.id ?? null} onChange={choose} />
        ) : (
          <span className="client-name">{session.client.name}</span>
        )}
        <SignOutButton />
      </header>
      <MainNav />
      <main id="main" tabIndex={-1}>
        {client === null ? (
          <p className="state">There is no client yet. Create one with `leadbase clients add`.</p>
        ) : (
          <CurrentClientProvider client={client} key={client.id}>
            <Suspense fallback={<Loading />}>
              <Routes>
                {pageRoutes.map(({ path, Page }) => (
                  <Route key={path} path={path} element={<Page />} />
                ))}
                <Route path="*" element={<ErrorState error={notFoundPage} what="This page" />} />
              </Routes>
            </Suspense>
          </CurrentClientProvider>
        )}
      </main>
    </div>
  );
}

const notFoundPage = new ApiError(404, 'not_found', 'Not found', '', []);
