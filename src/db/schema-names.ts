import { createHash } from 'node:crypto';
import { AppError } from '../errors.ts';

/** PostgreSQL cuts identifiers at 63 bytes; a longer name would silently meet another. */
const maxIdentifierBytes = 63;
const prefixPattern = /^[a-z][a-z0-9_]{0,29}$/;
const plainClientId = /^[a-z0-9][a-z0-9-]*$/;

export const defaultSchemaPrefix = 'leadbase_';

/** The prefix every schema of one installation starts with, checked. */
export function checkedSchemaPrefix(prefix: string = defaultSchemaPrefix): string {
  if (!prefixPattern.test(prefix)) {
    throw new AppError(
      'bad_request',
      `LEADBASE_PG_SCHEMA_PREFIX "${prefix}" is not a schema prefix: a lower-case letter, then up to 29 lower-case letters, digits or underscores`,
    );
  }
  return prefix;
}

export function controlSchemaName(prefix: string): string {
  return `${prefix}control`;
}

/**
 * The schema of one client: `<prefix>t_<client id>`. Client IDs are slugs (letters, digits,
 * hyphens), kept as they are (the name is always quoted); a name that would pass the identifier
 * limit, or an ID that is no slug, is cut and given a hash of the whole ID, so two never meet.
 */
export function tenantSchemaName(prefix: string, clientId: string): string {
  const name = `${prefix}t_${clientId}`;
  if (plainClientId.test(clientId) && Buffer.byteLength(name) <= maxIdentifierBytes) return name;

  const hash = createHash('sha256').update(clientId).digest('hex').slice(0, 16);
  const readable = clientId.replace(/[^a-z0-9-]/g, '_');
  const room = maxIdentifierBytes - prefix.length - 't_'.length - hash.length - 1;
  return `${prefix}t_${readable.slice(0, room)}_${hash}`;
}

/** The key of a schema's advisory lock: the first 8 bytes of its name's SHA-256, signed. */
export function schemaLockKey(schema: string): string {
  return createHash('sha256').update(schema).digest().readBigInt64BE(0).toString();
}
