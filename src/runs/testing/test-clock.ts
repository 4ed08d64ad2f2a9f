/** A clock that moves only when the test says so: leases expire without waiting. */
export class TestClock {
  private at: number;

  constructor(start = '2025-09-24T01:00:00.000Z') {
    this.at = Date.parse(start);
  }

  readonly now = (): Date => new Date(this.at);

  advance(ms: number): void {
    this.at += ms;
  }
}
