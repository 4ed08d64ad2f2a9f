/**
 * Lead ID → the last record of an import that named the lead, for an import of millions of
 * records that must not hold millions of strings: IDs are kept as 64-bit hashes in an
 * open-addressed table, 12 bytes a slot, at most half full. Two IDs share a hash with odds near
 * 1 in 10^7 at a million leads; the cost of that is one lead reported as named twice.
 */
export class LeadRecordMap {
  /** Per slot: the hash's high and low words, then the record number. */
  private slots = new Uint32Array(3 * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The last record set for `id`, or undefined. */
  get(id: string): number | undefined {
    const { found, slot } = this.find(hash64(id));
    return found ? this.slots[slot + 2] : undefined;
  }

  set(id: string, record: number): void {
    const hash = hash64(id);
    const { found, slot } = this.find(hash);
    this.slots[slot + 2] = record;
    if (found) return;
    this.slots[slot] = hash[0];
    this.slots[slot + 1] = hash[1];
    this.count += 1;
    if (this.count * 2 > this.slots.length / 3) this.grow();
  }

  private find([high, low]: [number, number]): { found: boolean; slot: number } {
    const mask = this.slots.length / 3 - 1;
    for (let index = low & mask; ; index = (index + 1) & mask) {
      const slot = index * 3;
      const storedHigh = this.slots[slot]!;
      const storedLow = this.slots[slot + 1]!;
      if (storedHigh === 0 && storedLow === 0) return { found: false, slot };
      if (storedHigh === high && storedLow === low) return { found: true, slot };
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    const mask = this.slots.length / 3 - 1;
    for (let slot = 0; slot < old.length; slot += 3) {
      const high = old[slot]!;
      const low = old[slot + 1]!;
      if (high === 0 && low === 0) continue;
      let index = low & mask;
      while (this.slots[index * 3] !== 0 || this.slots[index * 3 + 1] !== 0) {
        index = (index + 1) & mask;
      }
      this.slots.set(old.subarray(slot, slot + 3), index * 3);
    }
  }
}

/** Two independent 32-bit string hashes (FNV-1a and a multiply-xorshift); never both zero. */
function hash64(text: string): [number, number] {
  let high = 0x811c9dc5;
  let low = 0x9747b28c;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    high = Math.imul(high ^ code, 0x01000193);
    low = Math.imul(low ^ code, 0x5bd1e995);
    low ^= low >>> 15;
  }
  high >>>= 0;
  low >>>= 0;
  return high === 0 && low === 0 ? [0, 1] : [high, low];
}
