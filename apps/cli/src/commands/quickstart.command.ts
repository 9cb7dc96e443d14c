import { join } from 'node:path';
import type { Command } from 'commander';
import { formatProblem, packageRoot, readJsonFile } from '@sakip/application';
import { cliCaller, type CliContext } from '../context';
import { printSummary } from './import.command';
import { printIssuedKey } from './keys.command';
import { serve, serverUrl } from './serve.command';

export const SAMPLE_BUNDLE = join(packageRoot(), 'fixtures', 'karanganyar-renstra-2024-2026.json');

export function registerQuickstartCommand(program: Command, context: CliContext): void {
  program
    .command('quickstart')
    .description(
      'first run: create a local admin key (shown once), import the Karanganyar Renstra sample, and serve the API',
    )
    .option('--no-serve', 'stop after the import')
    .action(async (options: { serve: boolean }) => {
      const { out } = context;
      const app = await context.openApplication();
      try {
        const store = app.infrastructure.store.description;
        out.say({ id: `Penyimpanan: ${store}`, en: `Store: ${store}` });
        const existingKey = await app.keys.hasActiveAdmin();
        if (existingKey) {
          out.say({
            id: 'Kunci admin lokal sudah ada (ditampilkan sekali, saat dibuat). Hilang? Buat yang baru dengan: ./sakip keys create --role admin (juga saat server ini berjalan)',
            en: 'A local admin key already exists (it was shown once, when created). Lost it? Make another with: ./sakip keys create --role admin (also while this server runs)',
          });
        } else {
          printIssuedKey(
            out,
            await app.keys.issue({ role: 'admin', label: 'local admin (quickstart)' }, cliCaller(context)),
          );
        }
        const sample = await readJsonFile(SAMPLE_BUNDLE);
        const outcome = sample.ok
          ? await app.bundles.tryImport(sample.value, cliCaller(context))
          : { ok: false as const, problems: sample.problems };
        if (!outcome.ok)
          throw new Error(
            `the sample bundle was rejected:\n${outcome.problems.map(formatProblem).join('\n')}`,
          );
        printSummary(out, 'karanganyar-renstra-2024-2026.json', outcome.summary);
        const base = serverUrl(context);
        const organisation = outcome.summary.organisationId;
        out.say(
          options.serve
            ? {
                id: `Aplikasi web: buka ${base} di peramban dan masuk dengan kunci admin.`,
                en: `Web application: open ${base} in a browser and sign in with the admin key.`,
              }
            : {
                id: `Aplikasi web: jalankan ./sakip serve, lalu buka ${base} di peramban dan masuk dengan kunci admin.`,
                en: `Web application: run ./sakip serve, then open ${base} in a browser and sign in with the admin key.`,
              },
        );
        out.say(
          existingKey
            ? { id: 'Coba (dengan kunci admin Anda):', en: 'Try (with your admin key):' }
            : { id: 'Coba (dengan kunci di atas):', en: 'Try (with the key above):' },
        );
        out.line(`  curl -H "Authorization: Bearer <key>" ${base}/indicators/${organisation}:S1-I1`);
        out.line(`  curl -H "Authorization: Bearer <key>" ${base}/indicators/${organisation}:S1-I1/history`);
        out.line(
          `  curl -H "Authorization: Bearer <key>" ${base}/organisations/${organisation}/documents/${outcome.summary.documentId}/tree`,
        );
      } catch (error) {
        await app.close();
        throw error;
      }
      if (!options.serve) {
        await app.close();
        return;
      }
      await serve(context, app);
    });
}
