import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import Table from 'cli-table3';
import { ROLES, type Role } from '@sakip/domain';
import { ApiKeys, type IssuedKey } from '@sakip/application';
import { withInfrastructure, type CliContext } from '../context';
import type { Output } from '../output';

export function registerKeysCommand(program: Command, context: CliContext): void {
  const keys = program
    .command('keys')
    .description('manage API keys (roles: admin, inspector, planner, viewer)');
  keys
    .command('create')
    .description('issue an API key; the key is shown once and only its hash is stored')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--org <organisation...>', 'organisations a planner may write for')
    .option('--label <label>', 'who or what the key is for', 'unnamed key')
    .action(async (options: { role: string; org?: string[]; label: string }) => {
      if (!(ROLES as readonly string[]).includes(options.role)) {
        context.out.error(
          context.out.t({
            id: `Peran harus salah satu dari ${ROLES.join(', ')}.`,
            en: `--role must be one of ${ROLES.join(', ')}.`,
          }),
        );
        process.exitCode = 2;
        return;
      }
      await withInfrastructure(context, async ({ store }) => {
        const issued = await new ApiKeys(store, context.clock).issue(
          { role: options.role as Role, organisations: options.org ?? [], label: options.label },
          context.actor,
          randomUUID(),
        );
        printIssuedKey(context.out, issued);
      });
    });
  keys
    .command('list')
    .description('list API keys (never their secrets)')
    .action(() =>
      withInfrastructure(context, async ({ store }) => {
        const table = new Table({
          head: ['key id', 'role', 'organisations', 'label', 'status'],
          style: { head: [], border: [], compact: true },
        });
        for (const k of await new ApiKeys(store, context.clock).list())
          table.push([
            k.keyId,
            k.role,
            k.organisations.join(', '),
            k.label,
            k.revoked ? 'revoked' : 'active',
          ]);
        context.out.line(table.toString());
      }),
    );
  keys
    .command('revoke')
    .description('revoke an API key')
    .argument('<keyId>')
    .option('--reason <reason>')
    .action((keyId: string, options: { reason?: string }) =>
      withInfrastructure(context, async ({ store }) => {
        const result = await new ApiKeys(store, context.clock).revoke(
          keyId,
          options.reason,
          context.actor,
          randomUUID(),
        );
        context.out.say(
          result.changed
            ? { id: `Kunci ${keyId} dicabut.`, en: `Key ${keyId} revoked.` }
            : { id: `Kunci ${keyId} sudah dicabut sebelumnya.`, en: `Key ${keyId} was already revoked.` },
        );
      }),
    );
}

export function printIssuedKey(out: Output, issued: IssuedKey): void {
  out.say({
    id: `Kunci API ${issued.role} "${issued.label}" (id ${issued.keyId}) — simpan sekarang, kunci ini hanya ditampilkan sekali:`,
    en: `API key for ${issued.role} "${issued.label}" (id ${issued.keyId}) — keep it now, it is shown only once:`,
  });
  out.line(`  ${issued.token}`);
}
