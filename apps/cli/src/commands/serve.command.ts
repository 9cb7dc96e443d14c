import type { Command } from 'commander';
import type { Infrastructure, RunningServer } from '@sakip/application';
import type { CliContext } from '../context';

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('run the HTTP API (OpenAPI at /docs) on PORT (default 3000)')
    .action(async () => {
      const infra = await context.openInfrastructure();
      await serve(context, infra);
    });
}

/** Runs the API until SIGINT/SIGTERM, then closes everything. */
export async function serve(context: CliContext, infra: Infrastructure): Promise<void> {
  const { out } = context;
  let server: RunningServer;
  try {
    const door = await context.httpDoor();
    server = await door.serve(infra, { port: context.settings.port, clock: context.clock });
  } catch (error) {
    await infra.close();
    throw error;
  }
  const stop = async () => {
    await server.close();
    await infra.close();
  };
  const url = `http://localhost:${context.settings.port}`;
  out.say({
    id: `API berjalan di ${url} (penyimpanan: ${infra.store.description})`,
    en: `API listening on ${url} (store: ${infra.store.description})`,
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
