export interface SignInLimit {
  /** Failed sign-ins one address may make per window before it must wait. */
  maxFailures: number;
  windowMs: number;
}

export const defaultSignInLimit: SignInLimit = { maxFailures: 10, windowMs: 15 * 60 * 1000 };

/**
 * Counts failed sign-ins per address, so tokens cannot be guessed at speed. A success does not
 * reset the count: a guesser holding one valid token gains nothing from it.
 */
// TODO(scale-out): counts live in this process; share them (with the rate limiter's store) when
// several API processes serve one deployment.
export class SignInAttempts {
  private readonly failures = new Map<string, { count: number; windowEnd: number }>();

  constructor(
    private readonly limit: SignInLimit = defaultSignInLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds the address must wait before trying again; 0 when it may try now. */
  waitSeconds(address: string): number {
    const entry = this.current(address);
    if (!entry || entry.count < this.limit.maxFailures) return 0;
    return Math.ceil((entry.windowEnd - this.now()) / 1000);
  }

  recordFailure(address: string): void {
    const entry = this.current(address);
    if (entry) entry.count += 1;
    else this.failures.set(address, { count: 1, windowEnd: this.now() + this.limit.windowMs });
    if (this.failures.size > 10_000) this.forgetEnded();
  }

  private current(address: string) {
    const entry = this.failures.get(address);
    if (entry && entry.windowEnd <= this.now()) {
      this.failures.delete(address);
      return undefined;
    }
    return entry;
  }

  private forgetEnded(): void {
    const now = this.now();
    for (const [address, entry] of this.failures) {
      if (entry.windowEnd <= now) this.failures.delete(address);
    }
  }
}
