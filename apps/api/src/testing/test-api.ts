import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { openApplication, settingsFromEnv, type Application } from '@sakip/application';
import type { Role } from '@sakip/domain';
import request from 'supertest';
import type { Logger } from 'pino';
import { createApp } from '../server';

export interface TestApi {
  readonly app: NestExpressApplication;
  readonly application: Application;
  readonly http: () => ReturnType<typeof request>;
  key(role: Role, organisations?: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** More settings (environment variables), e.g. a small SAKIP_MAX_BUNDLE_MB. */
  readonly env?: NodeJS.ProcessEnv;
  readonly accessLog?: Logger;
  /** The built web application to serve (default: <repo>/dist/web). */
  readonly webDir?: string;
}

/**
 * The HTTP API on an in-memory embedded store, listening on an ephemeral port for supertest. Suites send
 * many wrong keys on purpose: the failed-key limit is high unless `env` sets it.
 */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const application = await openApplication(
    settingsFromEnv({ SAKIP_DATA_DIR: 'memory://', SAKIP_FAILED_KEYS_PER_MINUTE: '100000', ...options.env }),
  );
  const app = await createApp(application, {
    logger: false,
    ...(options.accessLog ? { accessLog: options.accessLog } : {}),
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
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
