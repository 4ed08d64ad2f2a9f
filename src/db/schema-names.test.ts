import { describe, expect, it } from 'vitest';
import {
  checkedSchemaPrefix,
  controlSchemaName,
  schemaLockKey,
  tenantSchemaName,
} from './schema-names.ts';

describe('schema names', () => {
  it('names the control schema and a client schema after the prefix and the client ID', () => {
    expect(controlSchemaName('leadbase_')).toBe('leadbase_control');
    expect(tenantSchemaName('leadbase_', 'acme-co')).toBe('leadbase_t_acme-co');
  });

  it('cuts a name past 63 bytes and tells two long IDs apart by a hash', () => {
    const long = `a${'b'.repeat(60)}c`;
    const other = `a${'b'.repeat(60)}d`;
    const first = tenantSchemaName('leadbase_', long);

    expect(Buffer.byteLength(first)).toBeLessThanOrEqual(63);
    expect(first).toMatch(/^leadbase_t_abbb+_[0-9a-f]{16}$/);
    expect(tenantSchemaName('leadbase_', other)).not.toBe(first);
    expect(tenantSchemaName('leadbase_', long)).toBe(first);
  });

  it('hashes an ID that is no slug instead of trusting its characters', () => {
    expect(tenantSchemaName('leadbase_', 'Acme"; drop')).toMatch(
      /^leadbase_t__cme___drop_[0-9a-f]{16}$/,
    );
  });

  it('refuses a prefix that is no plain lower-case identifier, naming the variable', () => {
    expect(() => checkedSchemaPrefix('Lead-base')).toThrow(
      'LEADBASE_PG_SCHEMA_PREFIX "Lead-base" is not a schema prefix',
    );
    expect(checkedSchemaPrefix()).toBe('leadbase_');
  });

  it('gives each schema its own lock key, a signed 64-bit integer', () => {
    const key = BigInt(schemaLockKey('leadbase_t_acme'));
    expect(key).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(key).toBeLessThan(2n ** 63n);
    expect(schemaLockKey('leadbase_t_acme')).not.toBe(schemaLockKey('leadbase_t_acmf'));
  });
});
