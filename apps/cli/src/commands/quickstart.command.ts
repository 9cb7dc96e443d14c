import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ApiKeys, BundleImporter, formatProblem, packageRoot } from '@sakip/application';
import type { CliContext } from '../context';
import { printSummary } from './import.command';
import { printIssuedKey } from './keys.command';
import { serve } from './serve.command';

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
      const infra = await context.openInfrastructure();
      try {
        out.say({ id: `Penyimpanan: ${infra.store.description}`, en: `Store: ${infra.store.description}` });
        const keys = new ApiKeys(infra.store, context.clock);
        if (await keys.hasActiveAdmin()) {
          out.say({
            id: 'Kunci admin lokal sudah ada (ditampilkan saat dibuat). Buat yang baru dengan: npx sakip keys create --role admin',
            en: 'A local admin key already exists (it was shown when created). Make another with: npx sakip keys create --role admin',
          });
        } else {
          printIssuedKey(
            out,
            await keys.issue(
              { role: 'admin', label: 'local admin (quickstart)' },
              context.actor,
              randomUUID(),
            ),
          );
        }
        const bundle: unknown = JSON.parse(await readFile(SAMPLE_BUNDLE, 'utf8'));
        const outcome = await new BundleImporter(infra.store).import(bundle, {
          actor: context.actor,
          now: context.clock.now().toISOString(),
          correlationId: randomUUID(),
        });
        if (!outcome.ok)
          throw new Error(
            `the sample bundle was rejected:\n${outcome.problems.map(formatProblem).join('\n')}`,
          );
        printSummary(out, 'karanganyar-renstra-2024-2026.json', outcome.summary);
        const base = `http://localhost:${context.settings.port}`;
        const organisation = outcome.summary.organisationId;
        out.say({ id: 'Coba (dengan kunci di atas):', en: 'Try (with the key above):' });
        out.line(`  curl -H "Authorization: Bearer <key>" ${base}/indicators/${organisation}:S1-I1`);
        out.line(`  curl -H "Authorization: Bearer <key>" ${base}/indicators/${organisation}:S1-I1/history`);
        out.line(
          `  curl -H "Authorization: Bearer <key>" ${base}/organisations/${organisation}/documents/${outcome.summary.documentId}/tree`,
        );
      } catch (error) {
        await infra.close();
        throw error;
      }
      if (!options.serve) {
        await infra.close();
        return;
      }
      await serve(context, infra);
    });
}
