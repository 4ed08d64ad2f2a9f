import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { ApiError } from './api/client.ts';
import { noteSessionEnded, sessionQueryKey } from './api/session.ts';
import './styles/base.css';
import './styles/shell.css';

/** A 401 anywhere means the session ended (signed out elsewhere, token revoked): sign in again. */
function onApiError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) {
    if (queryClient.getQueryData(sessionQueryKey)) noteSessionEnded();
    queryClient.setQueryData(sessionQueryKey, null);
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change on retry; a network blip or a 5xx may.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
