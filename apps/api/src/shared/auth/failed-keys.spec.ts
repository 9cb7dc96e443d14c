import { FailedKeyLimiter } from './failed-keys';

describe('the failed-key limiter', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('lets an address try until it has failed `max` times, then refuses it until the window ends', () => {
    // Given a limit of 3 wrong keys a minute
    const limiter = new FailedKeyLimiter(3, 60_000, clock);
    // When one address fails twice, it may still try
    limiter.failed('10.0.0.1');
    limiter.failed('10.0.0.1');
    expect(limiter.retryAfter('10.0.0.1')).toBeUndefined();
    // When it fails a third time, it waits for the rest of the window (rounded up, at least 1 s)
    now += 20_500;
    limiter.failed('10.0.0.1');
    expect(limiter.retryAfter('10.0.0.1')).toBe(40);
    // Then another address is not affected, and the first may try again once the window is over
    expect(limiter.retryAfter('10.0.0.2')).toBeUndefined();
    now += 39_500;
    expect(limiter.retryAfter('10.0.0.1')).toBeUndefined();
  });

  it('only counts what it is told failed: checking an address costs nothing', () => {
    const limiter = new FailedKeyLimiter(2, 60_000, clock);
    for (let i = 0; i < 100; i++) expect(limiter.retryAfter('10.0.0.1')).toBeUndefined();
    limiter.failed('10.0.0.1');
    expect(limiter.retryAfter('10.0.0.1')).toBeUndefined();
  });

  it('remembers a bounded number of addresses, forgetting expired ones first', () => {
    // Given room for 2 addresses, one of them expired
    const limiter = new FailedKeyLimiter(1, 60_000, clock, 2);
    limiter.failed('old');
    now += 60_000;
    limiter.failed('a');
    // When a third address fails, the expired one makes room
    limiter.failed('b');
    expect(limiter.retryAfter('a')).toBeGreaterThan(0);
    expect(limiter.retryAfter('b')).toBeGreaterThan(0);
    // When a fourth fails with none expired, the oldest is dropped: memory stays bounded
    limiter.failed('c');
    expect(limiter.retryAfter('a')).toBeUndefined();
    expect(limiter.retryAfter('c')).toBeGreaterThan(0);
  });
});
