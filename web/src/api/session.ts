import { api } from './client.ts';

/** A client as the portal shows it. */
export interface ClientSummary {
  id: string;
  name: string;
  timeZone: string;
  status: 'active' | 'paused';
  /** 'leads+posts' when the client's posts are harvested and scored too. */
  serviceLevel: 'leads' | 'leads+posts';
}

/** Who is signed in: a client (its own portal) or an admin (every client, through a switcher). */
export type SessionInfo =
  | { kind: 'client'; client: ClientSummary }
  | { kind: 'admin'; clients: ClientSummary[] };

export const sessionQueryKey = ['session'] as const;

export function fetchSession(): Promise<SessionInfo> {
  return api<SessionInfo>('/session');
}

export function signIn(token: string): Promise<SessionInfo> {
  return api<SessionInfo>('/session', { method: 'POST', body: { token } });
}

export function signOut(): Promise<null> {
  return api<null>('/session', { method: 'DELETE' });
}

let sessionEnded = false;

/** Remembers that a signed-in session was refused (expired, revoked), for the sign-in page. */
export function noteSessionEnded(): void {
  sessionEnded = true;
}

/** Whether the sign-in page should say the session ended; says it once. */
export function takeSessionEndedNotice(): boolean {
  const ended = sessionEnded;
  sessionEnded = false;
  return ended;
}
