// The direction of imports in Troika, checked by dependency-cruiser on every `pnpm check-types`
// (tests/architecture/check.mjs). It reads .ts, .mjs and .svelte files (the <script> blocks, through
// the Svelte compiler). Paths are relative to the repository's root.

/** The hover components of the glossary show each other: a term's card mentions other terms. */
const GLOSSARY_HOVER_CYCLE = '^apps/web/src/lib/glossary/(GlossaryText|TermCard|TermMention)\\.svelte$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'web-uses-model-only',
      comment: 'The web client uses the model, never the server or the database (it runs in the browser).',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(apps/server|packages/db|tests)/', pathNot: '^apps/server/src/app\\.ts$' },
    },
    {
      name: 'web-takes-only-the-api-type-from-the-server',
      comment: "The web may import the server's AppType, as a type (import type), so no server code reaches the browser.",
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/src/app\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-uses-model-and-db',
      comment: 'The server uses the model and the database, never the web client or the tests.',
      severity: 'error',
      from: { path: '^apps/server/' },
      to: { path: '^(apps/web|tests)/' },
    },
    {
      name: 'packages-never-import-apps',
      comment: 'Packages are below the apps: they never import an app (or the tests).',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^(apps|tests)/' },
    },
    {
      name: 'model-and-db-are-independent',
      comment: 'The model and the database package use neither each other.',
      severity: 'error',
      from: { path: '^packages/(model|db)/' },
      to: { path: '^packages/(model|db)/', pathNot: '^packages/$1/' },
    },
    {
      name: 'model-does-no-io',
      comment:
        'The model is pure: no Node built-ins (files, network, processes), no database, no network clients. ' +
        'It runs unchanged in the browser and in the server, and its tests take microseconds.',
      severity: 'error',
      from: { path: '^packages/model/src/', pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypes: ['core'],
      },
    },
    {
      name: 'model-uses-no-io-packages',
      comment: 'Network, database and storage clients are for the apps, not the model.',
      severity: 'error',
      from: { path: '^packages/model/src/' },
      to: {
        path: 'node_modules/(ws|y-websocket|y-indexeddb|ioredis|postgres|pg|@electric-sql|drizzle-orm|undici|node-fetch|axios|hono)/',
      },
    },
    {
      name: 'sync-engine-stays-out-of-the-http-app',
      comment: 'The sync engine is handed a principal and an access check; it imports nothing of the HTTP app.',
      severity: 'error',
      from: { path: '^apps/server/src/sync/' },
      to: { path: '^apps/server/src/((auth|workspaces|http)/|context\\.ts$)' },
    },
    {
      name: 'no-cycles',
      comment: 'Modules depend on each other one way; a cycle makes both hard to change or test alone. Type-only imports count.',
      severity: 'error',
      from: { pathNot: GLOSSARY_HOVER_CYCLE },
      to: { circular: true },
    },
    {
      name: 'no-runtime-cycles',
      comment: 'Whatever is tolerated above, a cycle of value imports (one that survives compilation) never is.',
      severity: 'error',
      from: { pathNot: GLOSSARY_HOVER_CYCLE },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      // SvelteKit's own modules ($app/..., $env/...) exist only inside its build; svelte/internal/...
      // imports are added by the Svelte compiler that reads .svelte files, not written by anyone.
      to: { couldNotResolve: true, pathNot: '^(\\$(app|env|service-worker)|svelte/internal)(/|$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|build|\\.svelte-kit|test-results|playwright-report)/' },
    // `import type` counts (the web's AppType import), and is told apart from a value import.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.json', '.d.ts'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
