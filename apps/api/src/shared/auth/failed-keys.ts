/**
 * Failed API keys per client address in a fixed window: past `max` failures the address is refused (429)
 * until the window ends, before any key is looked at. Bounded: at most `maxAddresses` are remembered.
 */
export class FailedKeyLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxAddresses = 10_000,
  ) {}

  /** Seconds until the address may try again, or undefined when it may try now. */
  retryAfter(address: string): number | undefined {
    const entry = this.current(address);
    if (!entry || entry.count < this.max) return undefined;
    return Math.max(1, Math.ceil((entry.since + this.windowMs - this.now()) / 1000));
  }

  failed(address: string): void {
    const entry = this.current(address);
    if (entry) {
      entry.count++;
      return;
    }
    if (this.failures.size >= this.maxAddresses) this.forgetExpired();
    if (this.failures.size >= this.maxAddresses) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(address, { count: 1, since: this.now() });
  }

  private current(address: string) {
    const entry = this.failures.get(address);
    if (entry && this.now() - entry.since >= this.windowMs) {
      this.failures.delete(address);
      return undefined;
    }
    return entry;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [address, entry] of this.failures)
      if (now - entry.since >= this.windowMs) this.failures.delete(address);
  }
}
