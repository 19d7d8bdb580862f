import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// `pnpm dev` runs the client alone; the API and sync endpoint come from a server on port 3000.
const backend = process.env.TROIKA_BACKEND ?? 'http://localhost:3000';

const FRAMEWORK = /node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env|clsx|devalue)[\\/]/;
const SHARED_UI = new RegExp(
  String.raw`src[\\/]lib[\\/](` +
    String.raw`components[\\/](Avatar|ConfirmDialog|Dialog|EmptyState|ErrorState|FormAlert|Icon|KpiStatusPill|Lazy|Logo|PageHeader|SeatBadge|Skeleton|Spinner|TextField)\.svelte` +
    String.raw`|components[\\/]icons\.ts|(toasts\.svelte|show-error|form-validation|redirect-target|api-error)\.ts)(\?|$)`,
);

export default defineConfig({
  plugins: [sveltekit()],
  build: {
    rolldownOptions: {
      output: {
        // Each script costs about 1 KB of response headers on top of its bytes (issue 13: the board's
        // JavaScript on the wire), so two groups replace dozens of tiny chunks: the framework every
        // page runs, and the small UI pieces and helpers most screens share. A screen part that
        // loads on first use (Lazy.svelte) stays out of both, or it would load with every page.
        codeSplitting: {
          groups: [
            { name: 'framework', test: FRAMEWORK, priority: 2 },
            { name: 'ui', test: SHARED_UI, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/sync': { target: backend, ws: true, changeOrigin: false },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
