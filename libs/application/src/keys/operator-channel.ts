import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Principal } from '../shared/principal';

/**
 * How `sakip keys create` reaches a running `sakip serve` on the embedded store, which only one process
 * may open: the server writes its address and a secret of this run into the data folder (readable by its
 * owner only: whoever can read it can read the database anyway), and accepts that secret, from this machine
 * only, as the local operator. A lost admin key can so be replaced without stopping the server.
 */
export interface OperatorChannel {
  /** Where the server listens, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  readonly token: string;
  readonly pid: number;
}

export const OPERATOR: Principal = {
  keyId: 'local-operator',
  role: 'admin',
  organisations: [],
  label: 'local operator (the data folder of the running server)',
};

const fileOf = (dataDir: string) => join(dataDir, 'operator.json');

export function openOperatorChannel(dataDir: string, url: string): OperatorChannel {
  const channel = { url, token: randomBytes(32).toString('base64url'), pid: process.pid };
  writeFileSync(fileOf(dataDir), JSON.stringify(channel), { mode: 0o600 });
  return channel;
}

export function closeOperatorChannel(dataDir: string): void {
  rmSync(fileOf(dataDir), { force: true });
}

/** The channel of the server running on this data folder, if one says so. */
export function readOperatorChannel(dataDir: string): OperatorChannel | undefined {
  try {
    const channel = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as Partial<OperatorChannel>;
    return typeof channel.url === 'string' &&
      typeof channel.token === 'string' &&
      typeof channel.pid === 'number'
      ? { url: channel.url, token: channel.token, pid: channel.pid }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a presented token is this channel's secret (constant time). */
export function isOperatorToken(channel: OperatorChannel | undefined, token: string): boolean {
  if (!channel) return false;
  const [a, b] = [Buffer.from(channel.token), Buffer.from(token.trim())];
  return a.length === b.length && timingSafeEqual(a, b);
}
