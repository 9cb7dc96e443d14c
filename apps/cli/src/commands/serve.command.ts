import type { Command } from 'commander';
import type { Application, RunningServer } from '@sakip/application';
import type { CliContext } from '../context';

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('run the HTTP API (OpenAPI at /docs) on HOST:PORT (default 127.0.0.1:3000)')
    .action(async () => {
      const app = await context.openApplication();
      await serve(context, app);
    });
}

/** Runs the API until SIGINT/SIGTERM, then closes everything. */
export async function serve(context: CliContext, app: Application): Promise<void> {
  const { out } = context;
  let server: RunningServer;
  try {
    const door = await context.httpDoor();
    const { databaseUrl, dataDir, port, host } = context.settings;
    const embedded = !databaseUrl && !dataDir.startsWith('memory://');
    server = await door.serve(app, { port, host, ...(embedded ? { operatorDir: dataDir } : {}) });
  } catch (error) {
    await app.close();
    throw error;
  }
  const stop = async () => {
    await server.close();
    await app.close();
  };
  const url = serverUrl(context);
  const store = app.infrastructure.store.description;
  const everywhere = ['0.0.0.0', '::'].includes(context.settings.host);
  out.say({
    id: `API berjalan di ${url} (penyimpanan: ${store})${everywhere ? ' — terbuka di semua antarmuka jaringan (HOST)' : ''}`,
    en: `API listening on ${url} (store: ${store})${everywhere ? ' — open on every network interface (HOST)' : ''}`,
  });
  out.say({
    id: `Dokumentasi OpenAPI: ${url}/docs — hentikan dengan Ctrl+C`,
    en: `OpenAPI docs: ${url}/docs — stop with Ctrl+C`,
  });
  await new Promise<void>((resolve) => {
    const shutdown = () => {
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      out.say({ id: 'Menghentikan…', en: 'Stopping…' });
      stop().then(resolve, resolve);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
}

/** The address to give people: what the server listens on (localhost for every interface). */
export function serverUrl(context: Pick<CliContext, 'settings'>): string {
  const { host, port } = context.settings;
  const shown = ['0.0.0.0', '::'].includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
