import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquirePidLock } from './pid-lock';

describe('PID lock of the embedded store folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pidlock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one holder in at a time, and releases', () => {
    const lock = join(dir, '.sakip.lock');
    const release = acquirePidLock(lock);
    expect(release).toBeDefined();
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    expect(acquirePidLock(lock)).toBeUndefined();
    release!();
    expect(existsSync(lock)).toBe(false);
    expect(acquirePidLock(lock)).toBeDefined();
  });

  it('takes over at once from a holder that is gone (crashed or killed)', () => {
    const lock = join(dir, '.sakip.lock');
    writeFileSync(lock, '2147483646');
    expect(acquirePidLock(lock)).toBeDefined();
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
  });

  it('keeps out while the holder is alive', () => {
    const lock = join(dir, '.sakip.lock');
    writeFileSync(lock, String(process.ppid));
    expect(acquirePidLock(lock)).toBeUndefined();
  });
});
