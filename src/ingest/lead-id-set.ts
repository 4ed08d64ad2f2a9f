/**
 * A set of lead IDs as 64-bit hashes in an open-addressed table (16 to 32 bytes per ID), so
 * that an import of millions of records can remember which leads it wrote without holding
 * millions of strings. Two IDs share a hash with odds near 1 in 10^7 at a million leads; the cost of that
 * is one lead of that import treated as already written (its blanks filled, nothing replaced).
 */
export class LeadIdSet {
  private slots = new Uint32Array(2 * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(id: string): boolean {
    return this.find(hash64(id)).found;
  }

  add(id: string): void {
    const hash = hash64(id);
    const { found, slot } = this.find(hash);
    if (found) return;
    const [high, low] = hash;
    this.slots[slot] = high;
    this.slots[slot + 1] = low;
    this.count += 1;
    if (this.count * 4 > this.slots.length) this.grow();
  }

  private find([high, low]: [number, number]): { found: boolean; slot: number } {
    const mask = this.slots.length / 2 - 1;
    for (let index = low & mask; ; index = (index + 1) & mask) {
      const slot = index * 2;
      const storedHigh = this.slots[slot]!;
      const storedLow = this.slots[slot + 1]!;
      if (storedHigh === 0 && storedLow === 0) return { found: false, slot };
      if (storedHigh === high && storedLow === low) return { found: true, slot };
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    const mask = this.slots.length / 2 - 1;
    for (let slot = 0; slot < old.length; slot += 2) {
      const high = old[slot]!;
      const low = old[slot + 1]!;
      if (high === 0 && low === 0) continue;
      let index = low & mask;
      while (this.slots[index * 2] !== 0 || this.slots[index * 2 + 1] !== 0)
        index = (index + 1) & mask;
      this.slots[index * 2] = high;
      this.slots[index * 2 + 1] = low;
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
