#!/usr/bin/env node
// The `sakip` command. Runs the compiled CLI (npm install builds it; `npm run build` rebuilds it).
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'sakip is not built yet: run "npm install" (or "npm run build") in ' + path.join(__dirname, '..') + '\n',
  );
  process.exit(1);
}
require(entry);
