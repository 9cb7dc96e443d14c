// A small ESLint rule: no cycle through relative imports (imports of other projects go through their
// package names, where Nx's module boundaries already forbid cycles between projects).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const IMPORT =
  /^\s*(?:import|export)\b[^'"]*?from\s+['"](\.{1,2}\/[^'"]*)['"]|^\s*import\s+['"](\.{1,2}\/[^'"]*)['"]/gm;
const graph = new Map();

function resolveImport(from, specifier) {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base])
    if (existsSync(candidate) && statSync(candidate).isFile() && candidate.endsWith('.ts')) return candidate;
  return undefined;
}

function importsOf(file) {
  let deps = graph.get(file);
  if (deps) return deps;
  deps = [];
  graph.set(file, deps);
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(IMPORT)) {
    const target = resolveImport(file, match[1] ?? match[2]);
    if (target) deps.push(target);
  }
  return deps;
}

/** A path of imports from `start` back to `start`, or undefined. */
function cycleFrom(start) {
  const seen = new Set();
  const walk = (file, path) => {
    for (const next of importsOf(file)) {
      if (next === start) return [...path, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}

export default {
  rules: {
    'no-import-cycle': {
      meta: {
        type: 'problem',
        docs: { description: 'Relative imports must not form a cycle.' },
        messages: { cycle: 'Import cycle: {{path}}' },
        schema: [],
      },
      create(context) {
        const file = context.filename;
        return {
          Program(node) {
            graph.delete(file); // the file as it is now
            const cycle = cycleFrom(file);
            if (cycle)
              context.report({
                node,
                messageId: 'cycle',
                data: { path: cycle.map((f) => relative(context.cwd, f)).join(' → ') },
              });
          },
        };
      },
    },
  },
};
