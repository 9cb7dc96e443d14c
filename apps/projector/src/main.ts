import { settingsFromEnv } from '@sakip/application';
import { formatPosition, openStore } from '@sakip/event-store';
import { createProjector } from '@sakip/read-models';
import pino from 'pino';

/**
 * The projector as a process of its own: keeps every read model up to date from the event store
 * (catch-up, then follow). Flags: --rebuild (rebuild every read model from event 0 first),
 * --once (catch up and exit). Logs JSON lines (pino). Settings as every sakip process reads them
 * (settingsFromEnv; SAKIP_PROJECTOR_BATCH sets the batch size).
 */
async function main(argv: readonly string[]): Promise<void> {
  // Synchronous: few lines, and each one is out before the next batch (or a crash) happens.
  const log = pino({ name: 'sakip-projector' }, pino.destination({ dest: 1, sync: true }));
  const settings = settingsFromEnv();
  const opened = await openStore(settings, { applicationName: 'sakip-projector' });
  let lastLog = 0;
  const runner = createProjector(opened, {
    batchSize: settings.projectorBatchSize,
    onError: (error) => log.error({ err: error }, 'projection batch failed; retrying'),
    onActivated: (build) =>
      log.info(
        { readModel: build.projection, version: build.version, build: build.buildId },
        'read model caught up and active',
      ),
    onProgress: (progress) => {
      if (Date.now() - lastLog < 2000) return;
      lastLog = Date.now();
      log.info(
        {
          eventsRead: progress.eventsRead,
          position: formatPosition(progress.position),
          building: progress.building,
        },
        'projecting',
      );
    },
  });
  await runner.initialise();
  if (argv.includes('--rebuild')) await runner.rebuild();
  if (argv.includes('--once')) {
    await runner.catchUp();
    await opened.close();
    log.info('caught up');
    return;
  }
  runner.start();
  log.info({ store: opened.store.description }, 'projector following new events');
  await new Promise<void>((resolve) => {
    const stop = () => {
      log.info('stopping');
      runner
        .stop()
        .then(() => opened.close())
        .then(resolve, resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`sakip projector: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
