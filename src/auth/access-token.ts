import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a client token may reach: the portal API, or only the webhook (ingest) routes. */
export type TokenScope = 'portal' | 'ingest';

export const tokenScopes: readonly TokenScope[] = ['portal', 'ingest'];

/** Who a request acts for, as proven by its access token. */
export type Principal =
  | { kind: 'admin'; tokenId: string }
  | { kind: 'client'; tokenId: string; clientId: string; scope: TokenScope };

export interface AccessTokenInfo {
  id: string;
  /** The visible start of the token, enough to recognise it in a list, never to use it. */
  prefix: string;
  kind: 'admin' | 'client';
  clientId: string | null;
  scope: TokenScope | null;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

const idAlphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
const idLength = 12;
const tokenPattern = /^lb_([a-z2-9]{12})_([A-Za-z0-9_-]{43})$/;

function randomId(): string {
  const bytes = randomBytes(idLength);
  let id = '';
  for (const byte of bytes) id += idAlphabet[byte % idAlphabet.length];
  return id;
}

/** A new token: `lb_<id>_<secret>`, the secret being 256 random bits. */
export function mintToken(): { id: string; token: string } {
  const id = randomId();
  return { id, token: `lb_${id}_${randomBytes(32).toString('base64url')}` };
}

export function tokenPrefix(id: string): string {
  return `lb_${id}_…`;
}

/** The token id a presented token claims, or null when it is not shaped like one of ours. */
export function claimedTokenId(presented: string): string | null {
  return tokenPattern.exec(presented)?.[1] ?? null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a presented token with a stored hash in time that does not depend on the match. */
export function tokenMatches(presented: string, storedHash: string): boolean {
  const presentedHash = Buffer.from(hashToken(presented), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presentedHash.length && timingSafeEqual(presentedHash, stored);
}
