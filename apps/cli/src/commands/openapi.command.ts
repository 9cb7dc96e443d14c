import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context';

export function registerOpenApiCommand(program: Command, context: CliContext): void {
  program
    .command('openapi')
    .description('write the OpenAPI document generated from the code (committed as docs/openapi.json)')
    .option('--out <file>', 'where to write it ("-" for stdout)', 'docs/openapi.json')
    .action(async (options: { out: string }) => {
      const text = `${JSON.stringify(await (await context.httpDoor()).openApiDocument(), null, 2)}\n`;
      if (options.out === '-') {
        context.out.stdout.write(text);
        return;
      }
      await writeFile(resolve(context.cwd, options.out), text);
      context.out.say({ id: `OpenAPI ditulis ke ${options.out}`, en: `OpenAPI written to ${options.out}` });
    });
}
