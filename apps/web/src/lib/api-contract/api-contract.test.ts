import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const webConfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
const probe = fileURLToPath(new URL('./reads-the-contract.ts', import.meta.url));
const loginRoute = fileURLToPath(new URL('../../../../server/src/auth/routes.ts', import.meta.url));

/**
 * Type-checks the probe (a web module reading API answers through `hc<AppType>`) with the web's
 * compiler options, optionally with a server file's text replaced, and returns the errors.
 */
let previous: ts.Program | undefined;

function typeErrors(replace?: { file: string; from: string; to: string }): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(webConfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('the web tsconfig does not parse (run svelte-kit sync)');
  const host = ts.createCompilerHost(config.options);
  if (replace) {
    const original = readFileSync(replace.file, 'utf8');
    // The rename must really happen: a server change that moved the text would make this test prove nothing.
    expect(original).toContain(replace.from);
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => (name === replace.file ? original.replace(replace.from, replace.to) : readFile(name));
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) =>
      name === replace.file ? ts.createSourceFile(name, host.readFile(name)!, language) : getSourceFile(name, language, ...rest);
  }
  // The second compile reuses the first one's parsed files (all but the replaced one): half the time.
  const program = ts.createProgram({ rootNames: [probe], options: { ...config.options, noEmit: true }, host, oldProgram: previous });
  previous = program;
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => `${d.file ? d.file.fileName.split('/').slice(-2).join('/') : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('the typed API contract', () => {
  it('compiles the web against the server as it is', () => {
    expect(typeErrors()).toEqual([]);
  }, 120_000);

  it('fails the type check when the server renames a response field the web reads', () => {
    const errors = typeErrors({
      file: loginRoute,
      from: 'return c.json({ user: { id: row.id',
      to: 'return c.json({ account: { id: row.id',
    });
    expect(errors).toEqual([expect.stringMatching(/reads-the-contract\.ts: Property 'user' does not exist/)]);
  }, 120_000);
});
