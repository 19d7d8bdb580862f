#!/usr/bin/env node
// The architecture check, run by `pnpm check-types` (the tests package's check-types) and so in CI:
// the import rules of dependency-rules.cjs (dependency-cruiser, reading .ts, .mjs and the <script>
// blocks of .svelte files), the file-size rule of file-size-rules.mjs, and that the web calls the
// API only through its client.
//
//   node tests/architecture/check.mjs [--root DIR]     (DIR: a repository root; default: this one)
//
// Exits 1 and names each broken rule with its file; check.test.mjs runs it on a fixture to prove it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LARGE_FILES, MAX_LINES } from './file-size-rules.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const rootFlag = process.argv.indexOf('--root');
const root = rootFlag > 0 ? process.argv[rootFlag + 1] : join(here, '..', '..');
const SOURCE = /\.(ts|mts|mjs|cjs|js|svelte)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', '.svelte-kit', 'test-results', 'playwright-report', '.turbo']);
const TOP_DIRS = ['apps', 'packages', 'tests'].filter((d) => existsSync(join(root, d)));

/** Every source file under the top folders, as paths relative to the root with forward slashes. */
function sourceFiles(dir = root) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (SOURCE.test(entry.name)) found.push(relative(root, path).split(sep).join('/'));
  }
  return found;
}

function checkImports() {
  // The package's own CLI (it exports no package.json to resolve), from the tests package's dependencies.
  const bin = join(here, '..', 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  try {
    execFileSync(process.execPath, [bin, '--config', join(here, 'dependency-rules.cjs'), '--output-type', 'err-long', ...TOP_DIRS], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    return [];
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    return [output || String(error)];
  }
}

function checkFileSizes() {
  const problems = [];
  const large = new Map();
  for (const dir of TOP_DIRS) {
    for (const file of sourceFiles(join(root, dir))) {
      const lines = readFileSync(join(root, file), 'utf8').split('\n').length;
      if (lines > MAX_LINES) large.set(file, lines);
    }
  }
  for (const [file, lines] of large) {
    if (!(file in LARGE_FILES)) {
      problems.push(`file-size: ${file} has ${lines} lines (over ${MAX_LINES}): split it by concern, or give the reason in tests/architecture/file-size-rules.mjs`);
    }
  }
  const stale = Object.keys(LARGE_FILES).filter((file) => existsSync(join(root, file)) && statSync(join(root, file)).isFile() && !large.has(file));
  return { problems, stale };
}

/** The web calls the API through its one client (apps/web/src/lib/api.ts: hc<AppType>, errors, the sign-in redirect). */
function checkApiCalls() {
  const web = join(root, 'apps', 'web', 'src');
  if (!existsSync(web)) return [];
  return sourceFiles(web)
    .filter((file) => file !== 'apps/web/src/lib/api.ts' && !file.endsWith('.test.ts'))
    .filter((file) => /fetch\(\s*[`'"]\/api\b/.test(readFileSync(join(root, file), 'utf8')))
    .map((file) => `api-through-the-client: ${file} calls fetch('/api...'): use api and data from $lib/api (hc<AppType>)`);
}

const started = Date.now();
const importProblems = checkImports();
const sizes = checkFileSizes();
const problems = [...importProblems, ...checkApiCalls(), ...sizes.problems];
for (const file of sizes.stale) console.log(`note: ${file} is now within ${MAX_LINES} lines; its entry in file-size-rules.mjs can go.`);
if (problems.length > 0) {
  console.error(problems.join('\n\n'));
  console.error(`\narchitecture check failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(1);
}
console.log(`architecture check passed: import rules, API calls and file sizes (${((Date.now() - started) / 1000).toFixed(1)} s)`);
