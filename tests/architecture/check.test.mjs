// Runs the architecture check on a small repository written here: clean, it passes; with each
// kind of forbidden import (and an over-long file), it fails naming the rule and the file.
//   node --test tests/architecture/     (the tests package's `test`)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const check = join(dirname(fileURLToPath(import.meta.url)), 'check.mjs');
const made = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A repository with the layout of this one: the model, the database package, the server and the web. */
function repository(extra = {}) {
  const root = mkdtempSync(join(tmpdir(), 'troika-architecture-'));
  made.push(root);
  const files = {
    'packages/model/src/index.ts': "export * from './kpi';\n",
    'packages/model/src/kpi.ts': 'export const KPI_KINDS = [\'output\', \'outcome\'] as const;\n',
    'packages/db/src/index.ts': 'export const openDatabase = () => null;\n',
    'apps/server/src/context.ts': 'export interface AppDeps { name: string }\n',
    'apps/server/src/app.ts': "import { KPI_KINDS } from '../../../packages/model/src/index';\nimport { openDatabase } from '../../../packages/db/src/index';\nexport const createApp = () => ({ KPI_KINDS, db: openDatabase() });\nexport type AppType = ReturnType<typeof createApp>;\n",
    'apps/server/src/sync/engine.ts': "import { KPI_KINDS } from '../../../../packages/model/src/index';\nexport const kinds = KPI_KINDS;\n",
    // Allowed: the server's AppType as a type.
    'apps/web/src/lib/api.ts': "import type { AppType } from '../../../server/src/app';\nexport type Api = AppType;\n",
    'apps/web/src/routes/Board.svelte': "<script lang=\"ts\">\n  import { KPI_KINDS } from '../../../../packages/model/src/index';\n</script>\n\n<p>{KPI_KINDS.length}</p>\n",
    ...extra,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function run(root) {
  const result = spawnSync(process.execPath, [check, '--root', root], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the architecture check', () => {
  it('passes a repository that keeps the rules', () => {
    const { status, output } = run(repository());
    assert.equal(status, 0, output);
  });

  it('fails on each forbidden import and on a long file, naming the rule and the file', () => {
    const { status, output } = run(
      repository({
        // A .svelte file (its <script> block) reaching for the database.
        'apps/web/src/routes/Members.svelte': "<script lang=\"ts\">\n  import { openDatabase } from '../../../../packages/db/src/index';\n  openDatabase();\n</script>\n",
        // A value import of the server's app into the browser.
        'apps/web/src/lib/server-in-browser.ts': "import { createApp } from '../../../server/src/app';\nexport const app = createApp();\n",
        'packages/model/src/reads-files.ts': "import { readFileSync } from 'node:fs';\nexport const read = () => readFileSync('x');\n",
        'packages/model/src/knows-the-server.ts': "import type { AppType } from '../../../apps/server/src/app';\nexport type T = AppType;\n",
        'packages/db/src/uses-the-model.ts': "import { KPI_KINDS } from '../../model/src/index';\nexport const kinds = KPI_KINDS;\n",
        'apps/server/src/renders-a-screen.ts': "import { api } from '../../web/src/lib/api';\nexport const x = api;\n",
        'apps/server/src/sync/needs-the-app.ts': "import type { AppDeps } from '../context';\nexport type D = AppDeps;\n",
        'packages/model/src/ping.ts': "import { pong } from './pong';\nexport const ping = () => pong();\n",
        'packages/model/src/pong.ts': "import { ping } from './ping';\nexport const pong = (): unknown => ping;\n",
        'apps/web/src/lib/own-fetch.ts': "export const me = () => fetch('/api/me');\n",
        'apps/server/src/too-long.ts': Array.from({ length: 450 }, (_, i) => `export const line${i} = ${i};`).join('\n'),
      }),
    );
    assert.equal(status, 1, output);
    for (const [rule, file] of [
      ['web-uses-model-only', 'apps/web/src/routes/Members.svelte'],
      ['web-takes-only-the-api-type-from-the-server', 'apps/web/src/lib/server-in-browser.ts'],
      ['model-does-no-io', 'packages/model/src/reads-files.ts'],
      ['packages-never-import-apps', 'packages/model/src/knows-the-server.ts'],
      ['model-and-db-are-independent', 'packages/db/src/uses-the-model.ts'],
      ['server-uses-model-and-db', 'apps/server/src/renders-a-screen.ts'],
      ['sync-engine-stays-out-of-the-http-app', 'apps/server/src/sync/needs-the-app.ts'],
      ['no-runtime-cycles', 'packages/model/src/ping.ts'],
      ['api-through-the-client', 'apps/web/src/lib/own-fetch.ts'],
      ['file-size', 'apps/server/src/too-long.ts'],
    ]) {
      assert.match(output, new RegExp(`${rule}: ${file.replace(/[.[\]]/g, '\\$&')}`), `${rule} on ${file}`);
    }
    // The allowed type-only import of AppType is not among them.
    assert.doesNotMatch(output, /: apps\/web\/src\/lib\/api\.ts →/);
  });
});
