import { defineConfig } from 'tsup';

// One file to run with plain Node: the workspace packages (TypeScript source) are bundled in,
// npm dependencies stay external and are resolved from node_modules.
export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  noExternal: [/^@troika\//],
  // Dependencies of the bundled workspace packages (PGlite with its data files, postgres) stay
  // external too: they load from node_modules beside their own assets.
  external: [/^(?!@troika\/)[^./]/],
});
