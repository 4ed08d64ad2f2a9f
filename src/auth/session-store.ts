import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ControlDatabase } from '../db/control-schema.ts';
import type { Principal } from './access-token.ts';
import { hashToken } from './access-token.ts';
import { principalOfToken } from './token-store.ts';

export interface SessionLifetime {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however busy. */
  absoluteMs: number;
}

export const defaultSessionLifetime: SessionLifetime = {
  idleMs: 12 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
};

/** How stale `last_seen_at` may get before a request writes it again (one write per minute). */
const touchEveryMs = 60 * 1000;

export interface StartedSession {
  /** The cookie's value: the only time the secret exists outside the browser. */
  secret: string;
  expiresAt: Date;
}

/**
 * Portal sessions in the control store. A session stands for the access token it was opened
 * with and proves exactly what that token proves; it ends when the token is revoked, when its
 * client is paused, when it expires, or on sign-out.
 */
export class PortalSessions {
  constructor(
    private readonly control: Kysely<ControlDatabase>,
    private readonly lifetime: SessionLifetime = defaultSessionLifetime,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Opens a session for a token already authenticated as `principal`. */
  async start(principal: Principal): Promise<StartedSession> {
    const now = this.now();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.lifetime.idleMs);
    await this.control
      .deleteFrom('portal_sessions')
      .where('expires_at', '<=', now.toISOString())
      .execute();
    await this.control
      .insertInto('portal_sessions')
      .values({
        id_hash: hashToken(secret),
        token_id: principal.tokenId,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
    return { secret, expiresAt };
  }

  /** The principal a session cookie proves, or null when the session is unknown or has ended. */
  async authenticate(secret: string): Promise<Principal | null> {
    const idHash = hashToken(secret);
    const row = await this.control
      .selectFrom('portal_sessions as s')
      .innerJoin('access_tokens as t', 't.id', 's.token_id')
      .leftJoin('clients as c', 'c.id', 't.client_id')
      .select([
        's.created_at',
        's.last_seen_at',
        's.expires_at',
        't.id',
        't.kind',
        't.client_id',
        't.scope',
        't.revoked_at',
        'c.status as client_status',
      ])
      .where('s.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return null;

    const now = this.now();
    const ended =
      row.revoked_at !== null || row.client_status === 'paused' || new Date(row.expires_at) <= now;
    if (ended) {
      await this.end(secret);
      return null;
    }

    if (now.getTime() - new Date(row.last_seen_at).getTime() >= touchEveryMs) {
      await this.touch(idHash, new Date(row.created_at), now);
    }
    return principalOfToken(row);
  }

  /** Ends one session (sign-out); ending an unknown session is not an error. */
  async end(secret: string): Promise<void> {
    await this.control
      .deleteFrom('portal_sessions')
      .where('id_hash', '=', hashToken(secret))
      .execute();
  }

  private async touch(idHash: string, createdAt: Date, now: Date): Promise<void> {
    const idleEnd = now.getTime() + this.lifetime.idleMs;
    const absoluteEnd = createdAt.getTime() + this.lifetime.absoluteMs;
    await this.control
      .updateTable('portal_sessions')
      .set({
        last_seen_at: now.toISOString(),
        expires_at: new Date(Math.min(idleEnd, absoluteEnd)).toISOString(),
      })
      .where('id_hash', '=', idHash)
      .execute();
  }
}
