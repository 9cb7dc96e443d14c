import { access, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { withApplication, type CliContext } from '../context';

const FORMATS = ['xlsx', 'json'] as const;

interface ExportOptions {
  format: string;
  out?: string;
  force?: boolean;
}

/** A filled workbook is a planner's work: never write over a file unless asked to. Says why and returns true. */
export async function refuseToOverwrite(
  context: CliContext,
  file: string,
  options: { force?: boolean; out?: string },
): Promise<boolean> {
  if (options.force) return false;
  try {
    await access(file);
  } catch {
    return false;
  }
  context.out.warn({
    id: `${options.out ?? file} sudah ada; tidak ditimpa (tambahkan --force untuk menimpanya).`,
    en: `${options.out ?? file} exists; not overwritten (add --force to overwrite it).`,
  });
  process.exitCode = 1;
  return true;
}

export function registerExportCommand(program: Command, context: CliContext): void {
  program
    .command('export')
    .description('a stored document back as a SAKIP workbook (xlsx) or a sakip-bundle/2 (json)')
    .argument('<document>', '<organisation>:<document id>, or the document id alone (see "sakip tree")')
    .option('--format <format>', FORMATS.join(' or '), 'xlsx')
    .option('--out <file>', 'file to write (xlsx: <document id>.xlsx; json: standard output)')
    .option('--force', 'overwrite --out when it exists')
    .action(async (reference: string, options: ExportOptions) => {
      const { out } = context;
      if (!(FORMATS as readonly string[]).includes(options.format))
        throw new Error(`--format must be one of ${FORMATS.join(', ')}, not "${options.format}"`);
      const { exportDocument, parseDocumentRef, writeWorkbook } = await import('@sakip/application');
      const exported = await withApplication(context, (app) =>
        exportDocument(app.infrastructure.store, parseDocumentRef(reference)),
      );
      if (!exported.ok) {
        out.warn(exported.reason);
        process.exitCode = 1;
        return;
      }
      const target = options.out ?? (options.format === 'xlsx' ? `${exported.documentId}.xlsx` : undefined);
      const content =
        options.format === 'xlsx'
          ? await writeWorkbook(exported.bundle)
          : `${JSON.stringify(exported.bundle, null, 2)}\n`;
      if (target === undefined) {
        out.stdout.write(content);
        return;
      }
      const file = resolve(context.cwd, target);
      if (await refuseToOverwrite(context, file, { ...options, out: target })) return;
      await writeFile(file, content);
      out.say({
        id: `${exported.organisationId}:${exported.documentId} ditulis ke ${target}.`,
        en: `${exported.organisationId}:${exported.documentId} written to ${target}.`,
      });
    });
}
