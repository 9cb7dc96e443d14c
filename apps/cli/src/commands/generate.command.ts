import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { GenerateOptions } from '@sakip/application';
import type { CliContext } from '../context';
import { progressFor } from '../progress';

function positive(name: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new Error(`${name} must be a whole number of at least 1, not "${text}"`);
  return Number(text);
}

export function registerGenerateCommand(program: Command, context: CliContext): void {
  program
    .command('generate')
    .description(
      'write synthetic bundles (deterministic by seed) with a known share of defects, and a manifest of the expected findings',
    )
    .requiredOption('--governments <n>', 'how many regional governments')
    .requiredOption('--opds <n>', 'OPDs per government')
    .option('--seed <n>', 'random seed', '1')
    .option('--out <dir>', 'where to write (one folder per government, manifest.json)', 'generated')
    .action(async (o: { governments: string; opds: string; seed: string; out: string }) => {
      const options: GenerateOptions = {
        governments: positive('--governments', o.governments),
        opds: positive('--opds', o.opds),
        seed: positive('--seed', o.seed),
      };
      const { generateBundles, manifestOf } = await import('@sakip/application');
      const dir = resolve(context.cwd, o.out);
      const progress = progressFor(context.out, 'bundles');
      const total = options.governments * options.opds;
      progress.start(total, context.out.t({ id: 'Membuat', en: 'Generating' }));
      let done = 0;
      for (const { bundle } of generateBundles(options)) {
        const government = bundle.organisation.id.split('-')[0]!;
        await mkdir(join(dir, government), { recursive: true });
        await writeFile(join(dir, government, `${bundle.organisation.id}.json`), JSON.stringify(bundle));
        progress.update(++done);
      }
      progress.stop();
      const manifest = manifestOf(options, generateBundles(options));
      await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      context.out.say({
        id: `${manifest.bundles} bundel (${manifest.indicators} indikator) ditulis ke ${o.out}; temuan yang diharapkan di manifest.json.`,
        en: `${manifest.bundles} bundles (${manifest.indicators} indicators) written to ${o.out}; expected findings in manifest.json.`,
      });
    });
}
