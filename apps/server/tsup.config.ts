import { defineConfig } from 'tsup';

// One file to run with plain Node: the workspace packages (TypeScript source) are bundled in.
export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  // The server's own dependencies stay external (tsup's default), so yjs is one instance and PGlite
  // finds its data files; small pure dependencies of the workspace packages are bundled with them.
  noExternal: [/^@troika\//],
});
