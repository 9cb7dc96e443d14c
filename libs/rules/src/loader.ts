import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { RuleFile } from './rule';
import { validateRule, type RuleProblem } from './validate';

export interface LoadedRules {
  readonly rules: RuleFile[];
  /** Per file: every problem. A directory with problems must not be used. */
  readonly problems: { readonly file: string; readonly problems: readonly RuleProblem[] }[];
}

async function ruleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.rule.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The rule id a file's place implies: rules/<area>/<name>.rule.json → "<area>/<name>". */
export function idFromPath(dir: string, file: string): string {
  return relative(dir, file)
    .split(sep)
    .join('/')
    .replace(/\.rule\.json$/, '');
}

export async function loadRuleFile(
  file: string,
  expectedId?: string,
): Promise<{ rule?: RuleFile; problems: RuleProblem[] }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { problems: [{ path: '(file)', message: `not readable JSON: ${(error as Error).message}` }] };
  }
  const problems = validateRule(json, expectedId);
  return problems.length > 0 ? { problems } : { rule: json as RuleFile, problems };
}

/** Every `*.rule.json` under `dir`, validated. */
export async function loadRules(dir: string): Promise<LoadedRules> {
  const rules: RuleFile[] = [];
  const problems: LoadedRules['problems'] = [];
  const ids = new Map<string, string>();
  for (const file of await ruleFiles(dir)) {
    const loaded = await loadRuleFile(file, idFromPath(dir, file));
    if (loaded.rule) {
      const twin = ids.get(loaded.rule.id);
      if (twin)
        problems.push({
          file,
          problems: [{ path: 'id', message: `"${loaded.rule.id}" is also the id of ${twin}` }],
        });
      else {
        ids.set(loaded.rule.id, file);
        rules.push(loaded.rule);
      }
    }
    if (loaded.problems.length > 0) problems.push({ file, problems: loaded.problems });
  }
  return { rules, problems };
}
