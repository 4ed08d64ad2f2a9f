import { useQuery } from '@tanstack/react-query';
import { ApiError } from './api/client.ts';
import { fetchSession, type SessionInfo, sessionQueryKey } from './api/session.ts';
import { ErrorState, Loading } from './components/ErrorState.tsx';
import { Shell } from './components/Shell.tsx';
import SignInPage from './pages/SignInPage.tsx';

/** The sign-in gate: the shell for a signed-in session, the sign-in page otherwise. */
export function App() {
  const session = useQuery<SessionInfo | null>({
    queryKey: sessionQueryKey,
    queryFn: fetchSession,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

  if (session.isPending) return <Loading />;
  if (session.error instanceof ApiError && session.error.status === 401) return <SignInPage />;
  if (session.isError) return <ErrorState error={session.error} />;
  if (session.data === null) return <SignInPage />;
  return <Shell session={session.data} />;
}
