import { Command, CommanderError } from 'commander';
import { DataDirectoryInUseError } from '@sakip/event-store';
import { describeError, settingsFromEnv, systemClock, type Clock, type HttpDoor } from '@sakip/application';
import { registerImportCommand } from './commands/import.command';
import { registerProjectCommand } from './commands/project.command';
import { registerReadCommands } from './commands/read.commands';
import { registerPlannerCommands } from './commands/planner.commands';
import { registerOpenApiCommand } from './commands/openapi.command';
import { registerGenerateCommand } from './commands/generate.command';
import { registerRelayCommand } from './commands/relay.command';
import { registerEvaluateCommand } from './commands/evaluate.command';
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

export function buildProgram(context: CliContext): Command {
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
  registerEvaluateCommand(program, context);
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
  const program = buildProgram(context);
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
