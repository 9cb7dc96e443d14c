import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Role } from '@sakip/domain';
import request from 'supertest';
import {
  ApiKeys,
  type Infrastructure,
  openInfrastructure,
  settingsFromEnv,
  systemClock,
} from '@sakip/application';
import { createApp } from '../server';

export interface TestApi {
  readonly app: NestExpressApplication;
  readonly infra: Infrastructure;
  readonly http: () => ReturnType<typeof request>;
  key(role: Role, organisations?: string[]): Promise<string>;
  close(): Promise<void>;
}

/** The HTTP API on an in-memory embedded store, listening on an ephemeral port for supertest. */
export async function startTestApi(): Promise<TestApi> {
  const infra = await openInfrastructure(settingsFromEnv({ SAKIP_DATA_DIR: 'memory://' }));
  const app = await createApp(infra, { clock: systemClock, logger: false });
  await app.init();
  const keys = new ApiKeys(infra.store, systemClock);
  return {
    app,
    infra,
    http: () => request(app.getHttpServer()),
    key: async (role, organisations = []) =>
      (
        await keys.issue(
          { role, organisations, label: `test ${role}` },
          { id: 'test', kind: 'system' },
          randomUUID(),
        )
      ).token,
    close: async () => {
      await app.close();
      await infra.close();
    },
  };
}
