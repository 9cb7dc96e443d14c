import type { Command } from 'commander';
import { formatPosition, START, comparePositions } from '@sakip/event-store';
import type { Infrastructure } from '@sakip/application';
import { withApplication, type CliContext } from '../context';
import { progressFor } from '../progress';

export function registerProjectCommand(program: Command, context: CliContext): void {
  program
    .command('project')
    .description('bring the read models up to date (catch up, then follow new events until Ctrl+C)')
    .option('--rebuild', 'rebuild every read model from event 0 (queries keep the old tables until done)')
    .option('--once', 'exit when caught up instead of following')
    .action((options: { rebuild?: boolean; once?: boolean }) =>
      withApplication(context, async ({ infrastructure: infra }) => {
        if (options.rebuild) await infra.projector.rebuild();
        await catchUpWithProgress(context, infra);
        if (options.once) return;
        context.out.say({
          id: 'Model baca mutakhir; mengikuti event baru (hentikan dengan Ctrl+C)…',
          en: 'Read models are up to date; following new events (stop with Ctrl+C)…',
        });
        infra.projector.start();
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        await infra.projector.stop();
      }),
    );
}

/** Catches every read model up with the store, with progress on stderr (stdout stays clean for answers). */
export async function catchUpWithProgress(context: CliContext, infra: Infrastructure): Promise<void> {
  const { out } = context;
  const builds = (await infra.readModels.catalog.builds()).filter((b) => b.status !== 'retired');
  const from = builds.reduce((min, b) => (comparePositions(b.checkpoint, min) < 0 ? b.checkpoint : min), {
    ...(builds[0]?.checkpoint ?? START),
  });
  const total = await infra.store.countAfter(from);
  const building = builds.filter((b) => b.status === 'building').map((b) => b.projection);
  if (total === 0) {
    await infra.projector.catchUp();
    return;
  }
  const progress = progressFor(out, 'events');
  progress.start(
    total,
    building.length > 0
      ? out.t({ id: `Membangun ${building.join(', ')}`, en: `Building ${building.join(', ')}` })
      : out.t({ id: 'Memproyeksikan', en: 'Projecting' }),
  );
  const started = Date.now();
  const runner = infra.projector;
  const before = runner.progress?.eventsRead ?? 0;
  while (await runner.runOnce()) {
    const now = runner.progress;
    if (now) progress.update(Math.min(total, now.eventsRead - before), formatPosition(now.position));
  }
  progress.update(total);
  progress.stop();
  const seconds = (Date.now() - started) / 1000;
  out.warn({
    id: `Model baca mutakhir: ${total} event dalam ${out.number(seconds, 1)} detik.`,
    en: `Read models up to date: ${total} events in ${out.number(seconds, 1)} s.`,
  });
}
