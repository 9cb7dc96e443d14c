import { resolve } from 'node:path';
import type { Command } from 'commander';
import { factCatalogueMarkdown, idFromPath, loadRuleFile, loadRules, runExamples } from '@sakip/rules';
import { DEFAULT_RULES_DIR } from '@sakip/application';
import type { CliContext } from '../context';

export function registerRulesCommand(program: Command, context: CliContext): void {
  const { out } = context;
  const rules = program
    .command('rules')
    .description('author evaluation rules: validate them and run their examples');
  rules
    .command('facts')
    .description('print every fact a rule may use, per scope, with its type and meaning (Markdown)')
    .action(() => out.line(factCatalogueMarkdown()));
  rules
    .command('test')
    .description("run every rule's examples (through the compiled evaluator and json-rules-engine)")
    .argument('[dir]', 'rules directory', DEFAULT_RULES_DIR)
    .action(async (dir: string) => {
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
}
