import { randomFillSync } from 'node:crypto';

/** Random bytes drawn in bulk: one call to the generator per 4,096 IDs, not one per ID. */
const pool = Buffer.alloc(16 * 4096);
let used = pool.length;
let lastMs = 0;
let sequence = 0;

function randomBytes16(): Buffer {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

/**
 * A new lead ID: a UUID of version 7 (RFC 9562), whose first 48 bits are the creation time in
 * milliseconds and next 12 a sequence within that millisecond. IDs made by one process sort in
 * the order they were made, so a large import appends to the indexes keyed by lead ID instead
 * of touching pages all over them, and the older of two leads made in one millisecond is known.
 */
export function newLeadId(now: number = Date.now()): string {
  const bytes = randomBytes16();
  if (now > lastMs) {
    lastMs = now;
    sequence = bytes.readUInt16BE(6) & 0x7ff;
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes.writeUInt16BE(0x7000 | sequence, 6);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
