import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { sessionQueryKey, signIn, takeSessionEndedNotice } from '../api/session.ts';

/** A wait in seconds as people say it: "45 seconds", "1 minute", "15 minutes". */
function waitText(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function signInMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) {
    return 'That token was not accepted. Check it and try again.';
  }
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.retryAfter === undefined ? 'a while' : waitText(error.retryAfter);
    return `Too many failed sign-ins from this address. Wait ${wait} and try again.`;
  }
  if (error instanceof ApiError) return error.detail || error.title;
  return 'The server could not be reached.';
}

/** Sign-in with a portal token (a client) or an admin token (a coach). */
export default function SignInPage() {
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [ended] = useState(takeSessionEndedNotice);
  const mutation = useMutation({
    mutationFn: () => signIn(token.trim()),
    onSuccess: (session) => {
      setToken('');
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() !== '') mutation.mutate();
  };

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Leadbase</h1>
        {ended && (
          <p className="notice" role="status">
            Your session ended. Sign in again to continue.
          </p>
        )}
        <label htmlFor="sign-in-token">Access token</label>
        <input
          id="sign-in-token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          required
          // biome-ignore lint/a11y/noAutofocus: the sole control of a page that has nothing else
          autoFocus
        />
        <p className="hint">Paste the portal token your coach gave you (it starts with lb_).</p>
        {mutation.isError && (
          <p className="error" role="alert">
            {signInMessage(mutation.error)}
          </p>
        )}
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
