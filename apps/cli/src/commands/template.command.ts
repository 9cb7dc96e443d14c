import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { refuseToOverwrite } from './export.command';

interface TemplateOptions {
  out: string;
  force?: boolean;
}

export function registerTemplateCommand(program: Command, context: CliContext): void {
  program
    .command('template')
    .description(
      'an empty SAKIP workbook to fill by hand: one sheet per table, lists and checks, help (docs/workbook.md)',
    )
    .option('--out <file>', 'where to write it', 'sakip-template.xlsx')
    .option('--force', 'overwrite the file when it exists')
    .action(async (options: TemplateOptions) => {
      const { out } = context;
      const file = resolve(context.cwd, options.out);
      if (await refuseToOverwrite(context, file, options)) return;
      await writeFile(file, await (await import('@sakip/application')).writeWorkbook());
      out.say({
        id: `Templat buku kerja ditulis ke ${options.out}. Isi, periksa dengan "sakip review ${options.out}", lalu impor dengan "sakip import ${options.out}".`,
        en: `Workbook template written to ${options.out}. Fill it, check it with "sakip review ${options.out}", then import it with "sakip import ${options.out}".`,
      });
    });
}
