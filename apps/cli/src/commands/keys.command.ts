import type { Command } from 'commander';
import Table from 'cli-table3';
import { ROLES, type Role } from '@sakip/domain';
import { DataDirectoryInUseError } from '@sakip/event-store';
import { readOperatorChannel, type OperatorChannel } from '@sakip/application/lean';
import type { IssuedKey } from '@sakip/application';
import { cliCaller, withApplication, type CliContext } from '../context';
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
      const request = { role: options.role as Role, organisations: options.org ?? [], label: options.label };
      try {
        await withApplication(context, async ({ keys }) => {
          printIssuedKey(context.out, await keys.issue(request, cliCaller(context)));
        });
      } catch (error) {
        // The embedded store is held by a running server: ask that server, as its local operator.
        const channel =
          error instanceof DataDirectoryInUseError
            ? readOperatorChannel(context.settings.dataDir)
            : undefined;
        if (!channel) throw error;
        printIssuedKey(context.out, await issueThroughServer(channel, request));
        context.out.warn({
          id: `(dibuat melalui server yang berjalan di ${channel.url})`,
          en: `(issued through the server running at ${channel.url})`,
        });
      }
    });
  keys
    .command('list')
    .description('list API keys (never their secrets)')
    .action(() =>
      withApplication(context, async ({ keys }) => {
        const table = new Table({
          head: ['key id', 'role', 'organisations', 'label', 'status'],
          style: { head: [], border: [], compact: true },
        });
        for (const k of await keys.list())
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
      withApplication(context, async ({ keys }) => {
        const result = await keys.revoke(keyId, options.reason, cliCaller(context));
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

async function issueThroughServer(
  channel: OperatorChannel,
  request: { role: Role; organisations: readonly string[]; label: string },
): Promise<IssuedKey> {
  const response = await fetch(`${channel.url}/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${channel.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const answer = (await response.json()) as IssuedKey & { detail?: string };
  if (response.status !== 201)
    throw new Error(`the running server refused the key (${response.status}): ${answer.detail ?? ''}`);
  return answer;
}
