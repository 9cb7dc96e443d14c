#!/usr/bin/env node
// The `sakip` command: the compiled CLI (apps/cli), given the HTTP API (apps/api) to load when a command
// serves or describes it. Apps never import apps; this entry point is where the two front doors meet.
// npm install builds them; `npm run build` rebuilds them.
const path = require('node:path');
const fs = require('node:fs');

const dist = path.join(__dirname, '..', 'dist', 'apps');
const cli = path.join(dist, 'cli', 'src', 'main.js');
const api = path.join(dist, 'api', 'src', 'http-door.js');
if (!fs.existsSync(cli) || !fs.existsSync(api)) {
  process.stderr.write(
    'sakip is not built yet: run "npm install" (or "npm run build") in ' + path.join(__dirname, '..') + '\n',
  );
  process.exit(1);
}
require(cli).main(async () => require(api).httpDoor);
