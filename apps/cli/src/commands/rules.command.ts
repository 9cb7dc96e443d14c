import { resolve } from 'node:path';
import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { DEFAULT_RULES_DIR, readJsonFile } from '@sakip/application/lean';
import type { RulesStatus } from '@sakip/application';
import { cliCaller, withApplication, type CliContext } from '../context';
import type { Output } from '../output';

/** The rules library, loaded when a rules command runs (not when the commands are registered: start-up). */
const rulesLibrary = () => import('@sakip/rules');

export function registerRulesCommand(program: Command, context: CliContext): void {
  const { out } = context;
  const rules = program
    .command('rules')
    .description(
      'author evaluation rules: validate them, run their examples, and publish them (evaluations use the published rule set)',
    );
  rules
    .command('facts')
    .description('print every fact a rule may use, per scope, with its type and meaning (Markdown)')
    .action(async () => out.line((await rulesLibrary()).factCatalogueMarkdown()));
  rules
    .command('test')
    .description("run every rule's examples (through the compiled evaluator and json-rules-engine)")
    .argument('[dir]', 'rules directory', DEFAULT_RULES_DIR)
    .action(async (dir: string) => {
      const { loadRules, runExamples } = await rulesLibrary();
      const loaded = await loadRules(resolve(context.cwd, dir));
      let failed = 0;
      for (const { file, problems } of loaded.problems) {
        failed++;
        out.error(`✗ ${file}`);
        for (const p of problems) out.error(`    ${p.path}: ${p.message}`);
      }
      for (const rule of loaded.rules) {
        const outcomes = await runExamples(rule);
        const bad = outcomes.filter((o) => !o.passed);
        if (bad.length === 0) {
          out.line(`✓ ${rule.id} (${outcomes.length} ${out.t({ id: 'contoh', en: 'examples' })})`);
          continue;
        }
        failed++;
        out.error(`✗ ${rule.id}`);
        for (const o of bad)
          out.error(
            `    examples.${o.kind}[${o.index}] ${o.kind === 'fires' ? 'should fire but does not' : 'fires but should not'}` +
              (o.compiled !== o.reference
                ? ` (compiled: ${o.compiled}, json-rules-engine: ${o.reference})`
                : '') +
              `: ${JSON.stringify(o.facts)}`,
          );
      }
      out.say({
        id: `${loaded.rules.length + loaded.problems.length} aturan, ${failed} gagal.`,
        en: `${loaded.rules.length + loaded.problems.length} rules, ${failed} failing.`,
      });
      process.exitCode = failed > 0 ? 1 : 0;
    });
  rules
    .command('validate')
    .description('check rule files against the schema and the fact catalogue, explaining every problem')
    .argument('<files...>', 'rule files (*.rule.json)')
    .action(async (files: string[]) => {
      const { idFromPath, loadRuleFile } = await rulesLibrary();
      let invalid = 0;
      for (const file of files) {
        const path = resolve(context.cwd, file);
        const inRules = path.startsWith(DEFAULT_RULES_DIR) ? idFromPath(DEFAULT_RULES_DIR, path) : undefined;
        const { problems } = await loadRuleFile(path, inRules);
        if (problems.length === 0) {
          out.line(`✓ ${file}`);
          continue;
        }
        invalid++;
        out.error(`✗ ${file}`);
        for (const p of problems) out.error(`    ${p.path}: ${p.message}`);
      }
      process.exitCode = invalid > 0 ? 1 : 0;
    });
  rules
    .command('status')
    .description('compare the rule files with the published rule set: new, changed and unpublished files')
    .argument('[dir]', 'rules directory', DEFAULT_RULES_DIR)
    .action((dir: string) =>
      withApplication(context, async ({ evaluations }) => {
        printStatus(out, await evaluations.rulesStatus(resolve(context.cwd, dir)));
      }),
    );
  rules
    .command('publish')
    .description(
      'publish rules: a directory (default ./rules) becomes the rule set, or rule files are added to it (each must be valid and pass its examples)',
    )
    .argument('[paths...]', 'a rules directory, or rule files (*.rule.json)')
    .action((paths: string[]) =>
      withApplication(context, async ({ evaluations }) => {
        const targets = paths.length > 0 ? paths.map((p) => resolve(context.cwd, p)) : [DEFAULT_RULES_DIR];
        const [first] = targets;
        if (targets.length === 1 && first && (await stat(first).catch(() => undefined))?.isDirectory()) {
          const before = await evaluations.currentRules();
          const published = await evaluations.publishDirectory(first, cliCaller(context));
          out.say(
            published.version === before?.version
              ? {
                  id: `Tidak ada yang baru: set aturan versi ${published.version} sudah memuat aturan-aturan ini.`,
                  en: `Nothing new: rule-set version ${published.version} already holds these rules.`,
                }
              : {
                  id: `Set aturan versi ${published.version} diterbitkan: ${published.rules.length} aturan (${published.hash.slice(0, 12)}).`,
                  en: `Published rule-set version ${published.version}: ${published.rules.length} rules (${published.hash.slice(0, 12)}).`,
                },
          );
          return;
        }
        for (const file of targets) {
          const json = await readJsonFile(file);
          if (!json.ok) {
            out.error(`✗ ${file}: ${json.problems.map((p) => p.en).join('; ')}`);
            process.exitCode = 1;
            return;
          }
          await evaluations.publishRule(json.value, cliCaller(context));
        }
        const current = await evaluations.currentRules();
        out.say({
          id: `Set aturan versi ${current?.version} diterbitkan: ${targets.length} berkas ditambahkan atau diganti.`,
          en: `Published rule-set version ${current?.version}: ${targets.length} files added or replaced.`,
        });
      }),
    );
  rules
    .command('retire')
    .description('retire a rule: a new rule-set version without it (stored batches keep theirs)')
    .argument('<ruleId>', 'e.g. smart/indicator-without-formula')
    .action((ruleId: string) =>
      withApplication(context, async ({ evaluations }) => {
        await evaluations.retireRule(ruleId, cliCaller(context));
        const current = await evaluations.currentRules();
        out.say({
          id: `Aturan ${ruleId} dipensiunkan: set aturan versi ${current?.version}.`,
          en: `Rule ${ruleId} retired: rule-set version ${current?.version}.`,
        });
      }),
    );
}

export function printStatus(out: Output, status: RulesStatus): void {
  out.say(
    status.published
      ? {
          id: `Set aturan terbit: versi ${status.published.version}, ${status.published.rules} aturan (${status.published.hash.slice(0, 12)}).`,
          en: `Published rule set: version ${status.published.version}, ${status.published.rules} rules (${status.published.hash.slice(0, 12)}).`,
        }
      : {
          id: 'Belum ada set aturan yang terbit (evaluasi pertama menerbitkan ./rules sebagai versi 1).',
          en: 'No rule set is published yet (the first evaluation publishes ./rules as version 1).',
        },
  );
  const list = (label: { id: string; en: string }, ids: readonly string[]) => {
    if (ids.length === 0) return;
    out.say(label);
    for (const id of ids) out.line(`  ${id}`);
  };
  list({ id: 'Baru (belum terbit):', en: 'New (not published):' }, status.added);
  list({ id: 'Berubah sejak terbit:', en: 'Changed since published:' }, status.changed);
  list(
    {
      id: 'Terbit, tanpa berkas (menerbitkan folder ini akan memensiunkannya):',
      en: 'Published, without a file (publishing this folder retires them):',
    },
    status.missing,
  );
  for (const invalid of status.invalid) {
    out.error(`✗ ${invalid.file}`);
    for (const problem of invalid.problems) out.error(`    ${problem}`);
  }
  const differences = status.added.length + status.changed.length + status.missing.length;
  if (differences === 0 && status.invalid.length === 0 && status.published)
    out.say({
      id: 'Berkas aturan sama dengan set aturan terbit.',
      en: 'The rule files are the published rule set.',
    });
  else if (differences > 0)
    out.say({
      id: `${differences} perbedaan; evaluasi memakai set aturan terbit sampai "sakip rules publish".`,
      en: `${differences} differences; evaluations use the published rule set until "sakip rules publish".`,
    });
}
