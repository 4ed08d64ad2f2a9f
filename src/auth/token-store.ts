import type { Kysely } from 'kysely';
import { nowIso } from '../clock.ts';
import type { AccessTokenRow, ControlDatabase } from '../db/control-schema.ts';
import { AppError } from '../errors.ts';
import {
  type AccessTokenInfo,
  claimedTokenId,
  hashToken,
  mintToken,
  type Principal,
  type TokenScope,
  tokenMatches,
  tokenPrefix,
} from './access-token.ts';

export type NewToken =
  | { kind: 'admin'; label?: string }
  | { kind: 'client'; clientId: string; scope: TokenScope; label?: string };

/** A freshly created token: `token` is the only time the secret is ever available. */
export interface CreatedToken {
  token: string;
  info: AccessTokenInfo;
}

/** Stands in for a stored hash when the presented id is unknown, so both paths do one compare. */
const absentHash = hashToken('absent');

function infoFromRow(row: AccessTokenRow): AccessTokenInfo {
  return {
    id: row.id,
    prefix: tokenPrefix(row.id),
    kind: row.kind as AccessTokenInfo['kind'],
    clientId: row.client_id,
    scope: row.scope as TokenScope | null,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** The principal a (valid, unrevoked) token row stands for. */
export function principalOfToken(
  row: Pick<AccessTokenRow, 'id' | 'kind' | 'client_id' | 'scope'>,
): Principal {
  if (row.kind === 'admin') return { kind: 'admin', tokenId: row.id };
  return {
    kind: 'client',
    tokenId: row.id,
    clientId: row.client_id!,
    scope: row.scope as TokenScope,
  };
}

/** Access tokens in the control store, kept only as hashes. */
export class AccessTokens {
  constructor(private readonly control: Kysely<ControlDatabase>) {}

  async create(input: NewToken): Promise<CreatedToken> {
    if (input.kind === 'client') await this.requireClient(input.clientId);

    const { id, token } = mintToken();
    const row: AccessTokenRow = {
      id,
      token_hash: hashToken(token),
      kind: input.kind,
      client_id: input.kind === 'client' ? input.clientId : null,
      scope: input.kind === 'client' ? input.scope : null,
      label: input.label ?? null,
      created_at: nowIso(),
      revoked_at: null,
    };
    await this.control.insertInto('access_tokens').values(row).execute();
    return { token, info: infoFromRow(row) };
  }

  async list(filter: { clientId?: string } = {}): Promise<AccessTokenInfo[]> {
    let query = this.control.selectFrom('access_tokens').selectAll().orderBy('created_at');
    if (filter.clientId !== undefined) query = query.where('client_id', '=', filter.clientId);
    const rows = await query.orderBy('id').execute();
    return rows.map(infoFromRow);
  }

  /** The tokens of these ids (revoked ones too), for naming who wrote something. */
  async byIds(ids: readonly string[]): Promise<AccessTokenInfo[]> {
    if (ids.length === 0) return [];
    const rows = await this.control
      .selectFrom('access_tokens')
      .selectAll()
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return rows.map(infoFromRow);
  }

  async revoke(id: string): Promise<AccessTokenInfo> {
    const result = await this.control
      .updateTable('access_tokens')
      .set({ revoked_at: nowIso() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const row = await this.control
      .selectFrom('access_tokens')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row)
      throw new AppError('not_found', `no access token with id "${id}"`, { details: { id } });
    if (Number(result.numUpdatedRows) === 0) {
      throw new AppError('conflict', `access token "${id}" was already revoked`, {
        details: { id },
      });
    }
    return infoFromRow(row);
  }

  /** The principal a presented token proves, or null for an unknown, revoked or wrong token. */
  async authenticate(presented: string): Promise<Principal | null> {
    const id = claimedTokenId(presented);
    const row =
      id === null
        ? undefined
        : await this.control
            .selectFrom('access_tokens')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirst();

    const matches = tokenMatches(presented, row?.token_hash ?? absentHash);
    if (!row || !matches || row.revoked_at !== null) return null;
    return principalOfToken(row);
  }

  private async requireClient(clientId: string): Promise<void> {
    const client = await this.control
      .selectFrom('clients')
      .select('id')
      .where('id', '=', clientId)
      .executeTakeFirst();
    if (!client) {
      throw new AppError('client_not_found', `no client with id "${clientId}"`, {
        details: { id: clientId },
      });
    }
  }
}
