import 'reflect-metadata';
import { pino } from 'pino';
import { openApplication, settingsFromEnv, type HttpDoor } from '@sakip/application';
import { createApp, openApiDocument } from './server';

/** The HTTP API as the `sakip` command starts it (bin/sakip.js loads this module for serve, quickstart, openapi). */
export const httpDoor: HttpDoor = {
  async serve(application, { port, host, log }) {
    const accessLog = pino({ base: { service: 'sakip-api' } }, log ?? process.stdout);
    const app = await createApp(application, { accessLog });
    try {
      await app.listen(port, host);
    } catch (error) {
      await app.close();
      throw error;
    }
    return { close: () => app.close() };
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
