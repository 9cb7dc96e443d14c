import { join } from 'node:path';
import { packageRoot } from '../settings/package-root';

/** The published rule files shipped with the product (`rules/`). */
export const DEFAULT_RULES_DIR = join(packageRoot(), 'rules');
