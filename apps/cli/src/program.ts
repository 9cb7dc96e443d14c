import { Command, CommanderError } from 'commander';
import { DataDirectoryInUseError } from '@sakip/event-store';
import type { Clock, HttpDoor } from '@sakip/application';
import { describeError, settingsFromEnv, systemClock } from '@sakip/application/lean';
import { registerImportCommand } from './commands/import.command';
import { registerProjectCommand } from './commands/project.command';
import { registerReadCommands } from './commands/read.commands';
import { registerPlannerCommands } from './commands/planner.commands';
import { registerOpenApiCommand } from './commands/openapi.command';
import { registerGenerateCommand } from './commands/generate.command';
import { registerRelayCommand } from './commands/relay.command';
import { registerRulesCommand } from './commands/rules.command';
import { registerReviewCommand } from './commands/review.command';
import { registerKeysCommand } from './commands/keys.command';
import { registerQuickstartCommand } from './commands/quickstart.command';
import { registerServeCommand } from './commands/serve.command';
import { registerTemplateCommand } from './commands/template.command';
import { registerExportCommand } from './commands/export.command';
import { cliActor, defaultOpen, type CliContext } from './context';
import { Output } from './output';

export interface CliEnvironment {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly clock?: Clock;
  /** Loads the HTTP API (bin/sakip.js passes apps/api's door; without it, serve and openapi refuse). */
  readonly loadHttpDoor?: () => Promise<HttpDoor>;
}

/**
 * Commands whose modules load heavy libraries when imported (evaluate: the spreadsheet and CSV exports).
 * They are registered in full only when they run or their help is asked for; otherwise by name and summary,
 * so that `sakip --help` lists them and other commands start without loading them.
 */
export const LAZY_COMMANDS: readonly {
  readonly name: string;
  readonly summary: string;
  load(): Promise<(program: Command, context: CliContext) => void>;
}[] = [
  {
    name: 'evaluate',
    summary:
      'run every rule over every organisation (or --org) for a year; store the batch and show its findings',
    load: async () => (await import('./commands/evaluate.command')).registerEvaluateCommand,
  },
];

/** The command a command line runs (`sakip help <command>` asks for that command too). */
export function invokedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((word) => !word.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

async function registerLazy(
  program: Command,
  context: CliContext,
  name: string,
  argv: readonly string[] | undefined,
): Promise<void> {
  const command = LAZY_COMMANDS.find((c) => c.name === name)!;
  if (argv === undefined || invokedCommand(argv) === name) (await command.load())(program, context);
  else program.command(command.name).description(command.summary).allowUnknownOption().allowExcessArguments();
}

/** The whole command tree; given the command line, commands it does not run are only named (see LAZY_COMMANDS). */
export async function buildProgram(context: CliContext, argv?: readonly string[]): Promise<Command> {
  const program = new Command('sakip')
    .description(
      'SAKIP system of record and audit engine — sistem pencatatan dan audit akuntabilitas kinerja',
    )
    .showHelpAfterError()
    .configureOutput({
      writeOut: (text) => context.out.stdout.write(text),
      writeErr: (text) => context.out.stderr.write(text),
    })
    .exitOverride();
  registerQuickstartCommand(program, context);
  registerImportCommand(program, context);
  registerTemplateCommand(program, context);
  registerExportCommand(program, context);
  registerServeCommand(program, context);
  registerKeysCommand(program, context);
  registerProjectCommand(program, context);
  registerReadCommands(program, context);
  registerPlannerCommands(program, context);
  registerReviewCommand(program, context);
  await registerLazy(program, context, 'evaluate', argv);
  registerRulesCommand(program, context);
  registerGenerateCommand(program, context);
  registerRelayCommand(program, context);
  registerOpenApiCommand(program, context);
  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const settings = settingsFromEnv(environment.env);
  const out = new Output(environment.stdout as never, environment.stderr as never, settings.language);
  const clock = environment.clock ?? systemClock;
  const context: CliContext = {
    out,
    settings,
    clock,
    actor: cliActor(),
    cwd: environment.cwd,
    openApplication: defaultOpen(settings, clock),
    httpDoor:
      environment.loadHttpDoor ??
      (() => Promise.reject(new Error('this sakip was started without its HTTP API (run bin/sakip.js)'))),
  };
  const program = await buildProgram(context, argv);
  // Commands report their outcome through process.exitCode; it is read here and put back, so a CLI run
  // inside another process (tests, the bench) never leaves that process's own exit code changed.
  const outer = process.exitCode;
  process.exitCode = 0;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof DataDirectoryInUseError) {
      out.error(error.message);
      return 1;
    }
    // Known failures (domain rules, stale versions, unknown references) in the user's language, as the API says them.
    const problem = describeError(error);
    out.error(
      problem.code !== 'INTERNAL_ERROR'
        ? `${out.t({ id: 'galat', en: 'error' })} [${problem.code}]: ${out.t(problem.messages)}`
        : `error: ${(error as Error).message}`,
    );
    if (settings.debug) out.error((error as Error).stack ?? '');
    return 1;
  } finally {
    process.exitCode = outer;
  }
}
