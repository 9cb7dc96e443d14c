import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openInfrastructure } from '@sakip/application';
import { settingsFromEnv, systemClock } from '@sakip/application';
import { createApp, openApiDocument } from '../../server';
import type { CliContext } from '../context';

/** The OpenAPI document as generated from the code (on a throw-away in-memory store). */
export async function generateOpenApi(): Promise<string> {
  const infra = await openInfrastructure(settingsFromEnv({ SAKIP_DATA_DIR: 'memory://' }));
  try {
    const app = await createApp(infra, { clock: systemClock, logger: false });
    const document = openApiDocument(app);
    await app.close();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await infra.close();
  }
}

export function registerOpenApiCommand(program: Command, context: CliContext): void {
  program
    .command('openapi')
    .description('write the OpenAPI document generated from the code (committed as docs/openapi.json)')
    .option('--out <file>', 'where to write it ("-" for stdout)', 'docs/openapi.json')
    .action(async (options: { out: string }) => {
      const text = await generateOpenApi();
      if (options.out === '-') {
        context.out.stdout.write(text);
        return;
      }
      await writeFile(resolve(context.cwd, options.out), text);
      context.out.say({ id: `OpenAPI ditulis ke ${options.out}`, en: `OpenAPI written to ${options.out}` });
    });
}
