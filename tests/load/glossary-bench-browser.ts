import { measureLocal } from './glossary-measure';

// Bundled by glossary-bench.ts and run in Chromium: the same measurement as in Node, in a browser.
(globalThis as unknown as { runGlossaryBench: typeof measureLocal }).runGlossaryBench = measureLocal;
