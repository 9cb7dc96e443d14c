import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (the folder whose package.json is "sakip"), from compiled or source code alike. */
export function packageRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'sakip'
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the sakip package root above ${from}`);
    dir = parent;
  }
}
