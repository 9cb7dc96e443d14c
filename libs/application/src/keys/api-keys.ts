import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ACCESS_STREAM, accessDecider, type AccessState, type Role } from '@sakip/domain';
import type { CommandPipeline, CommandResult } from '../pipeline/command-pipeline';
import { commandContext, type Caller } from '../shared/caller';
import type { Clock } from '../shared/clock';
import type { Principal } from '../shared/principal';

const TOKEN = /^sakip_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  readonly keyId: string;
  /** The whole secret key: shown once, never stored. */
  readonly token: string;
  readonly role: Role;
  readonly organisations: readonly string[];
  readonly label: string;
  readonly result: CommandResult;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
/** Compared against when the key id is unknown, so an unknown id costs what a known one does. */
const DUMMY_HASH = hash(randomBytes(32).toString('base64url'));

/**
 * API keys: `sakip_<key id>_<secret>`. Only a hash of the secret is stored (as an ApiKeyIssued event),
 * so who issued and revoked which key stays on record. Lookups are cached for a moment; a revocation
 * takes effect everywhere within `cacheMs`.
 */
export class ApiKeys {
  private cache: { state: AccessState; at: number } | undefined;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly clock: Clock,
    private readonly cacheMs = 2000,
  ) {}

  async issue(
    request: { role: Role; organisations?: readonly string[]; label: string },
    caller: Caller,
  ): Promise<IssuedKey> {
    const keyId = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const organisations = [...new Set(request.organisations ?? [])];
    const result = await this.pipeline.execute(
      ACCESS_STREAM,
      accessDecider,
      {
        type: 'IssueApiKey',
        data: { keyId, secretHash: hash(secret), role: request.role, organisations, label: request.label },
      },
      commandContext(caller, this.clock),
    );
    this.cache = undefined;
    return {
      keyId,
      token: `sakip_${keyId}_${secret}`,
      role: request.role,
      organisations,
      label: request.label,
      result,
    };
  }

  async revoke(keyId: string, reason: string | undefined, caller: Caller): Promise<CommandResult> {
    const result = await this.pipeline.execute(
      ACCESS_STREAM,
      accessDecider,
      { type: 'RevokeApiKey', data: { keyId, ...(reason ? { reason } : {}) } },
      commandContext(caller, this.clock),
    );
    this.cache = undefined;
    return result;
  }

  async list(): Promise<
    { keyId: string; role: Role; organisations: readonly string[]; label: string; revoked: boolean }[]
  > {
    const state = await this.state(true);
    return Object.values(state.keys).map(({ keyId, role, organisations, label, revoked }) => ({
      keyId,
      role,
      organisations,
      label,
      revoked,
    }));
  }

  async hasActiveAdmin(): Promise<boolean> {
    const state = await this.state(true);
    return Object.values(state.keys).some((k) => k.role === 'admin' && !k.revoked);
  }

  /**
   * The principal of a presented token, or undefined when it is unknown, malformed or revoked. Known and
   * unknown key ids take the same path (the same cached read, one hash comparison), so the answer time
   * does not tell which ids exist; a key issued by another process is known within `cacheMs`.
   */
  async verify(token: string): Promise<Principal | undefined> {
    const match = TOKEN.exec(token.trim());
    if (!match?.[1] || !match[2]) return undefined;
    const [keyId, secret] = [match[1], match[2]];
    const key = (await this.state(false)).keys[keyId];
    const expected = Buffer.from(key?.secretHash ?? DUMMY_HASH, 'hex');
    const actual = Buffer.from(hash(secret), 'hex');
    const matches = expected.length === actual.length && timingSafeEqual(expected, actual);
    if (!key || key.revoked || !matches) return undefined;
    return { keyId, role: key.role, organisations: key.organisations, label: key.label };
  }

  private async state(fresh: boolean): Promise<AccessState> {
    const now = Date.now();
    if (!fresh && this.cache && now - this.cache.at < this.cacheMs) return this.cache.state;
    const state = await this.pipeline.state(ACCESS_STREAM, accessDecider);
    this.cache = { state, at: now };
    return state;
  }
}
