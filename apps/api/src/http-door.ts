import 'reflect-metadata';
import { openInfrastructure, settingsFromEnv, systemClock, type HttpDoor } from '@sakip/application';
import { createApp, openApiDocument } from './server';

/** The HTTP API as the `sakip` command starts it (bin/sakip.js loads this module for serve, quickstart, openapi). */
export const httpDoor: HttpDoor = {
  async serve(infra, { port, clock }) {
    const app = await createApp(infra, { clock });
    try {
      await app.listen(port);
    } catch (error) {
      await app.close();
      throw error;
    }
    return { close: () => app.close() };
  },

  /** Generated from the code on a throw-away in-memory store. */
  async openApiDocument() {
    const infra = await openInfrastructure(settingsFromEnv({ SAKIP_DATA_DIR: 'memory://' }));
    try {
      const app = await createApp(infra, { clock: systemClock, logger: false });
      const document = openApiDocument(app);
      await app.close();
      return document;
    } finally {
      await infra.close();
    }
  },
};
