import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { openApplication, settingsFromEnv, type Application } from '@sakip/application';
import type { Role } from '@sakip/domain';
import request from 'supertest';
import { createApp } from '../server';

export interface TestApi {
  readonly app: NestExpressApplication;
  readonly application: Application;
  readonly http: () => ReturnType<typeof request>;
  key(role: Role, organisations?: string[]): Promise<string>;
  close(): Promise<void>;
}

/** The HTTP API on an in-memory embedded store, listening on an ephemeral port for supertest. */
export async function startTestApi(): Promise<TestApi> {
  const application = await openApplication(settingsFromEnv({ SAKIP_DATA_DIR: 'memory://' }));
  const app = await createApp(application, { logger: false });
  await app.init();
  return {
    app,
    application,
    http: () => request(app.getHttpServer()),
    key: async (role, organisations = []) =>
      (
        await application.keys.issue(
          { role, organisations, label: `test ${role}` },
          { actor: { id: 'test', kind: 'system' }, correlationId: randomUUID() },
        )
      ).token,
    close: async () => {
      await app.close();
      await application.close();
    },
  };
}
