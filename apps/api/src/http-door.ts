import 'reflect-metadata';
import { pino } from 'pino';
import {
  closeOperatorChannel,
  openApplication,
  openOperatorChannel,
  settingsFromEnv,
  type HttpDoor,
} from '@sakip/application';
import type { OperatorHolder } from './shared/tokens';
import { createApp, openApiDocument } from './server';

/** The HTTP API as the `sakip` command starts it (bin/sakip.js loads this module for serve, quickstart, openapi). */
export const httpDoor: HttpDoor = {
  async serve(application, { port, host, log, operatorDir }) {
    const accessLog = pino({ base: { service: 'sakip-api' } }, log ?? process.stdout);
    const operator: OperatorHolder = {};
    const app = await createApp(application, { accessLog, operator });
    try {
      await app.listen(port, host);
      if (operatorDir) {
        const shown = ['0.0.0.0', '::'].includes(host)
          ? '127.0.0.1'
          : host.includes(':')
            ? `[${host}]`
            : host;
        operator.channel = openOperatorChannel(operatorDir, `http://${shown}:${port}`);
      }
    } catch (error) {
      await app.close();
      throw error;
    }
    return {
      close: async () => {
        if (operatorDir) closeOperatorChannel(operatorDir);
        await app.close();
      },
    };
  },

  /** Generated from the code on a throw-away in-memory store. */
  async openApiDocument() {
    const application = await openApplication(settingsFromEnv({ SAKIP_DATA_DIR: 'memory://' }));
    try {
      const app = await createApp(application, { logger: false });
      const document = openApiDocument(app);
      await app.close();
      return document;
    } finally {
      await application.close();
    }
  },
};
