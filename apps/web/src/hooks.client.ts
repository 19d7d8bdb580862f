import { config } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to, and probes for it even when the
// page's Content-Security-Policy forbids eval (the server sends no 'unsafe-eval'): each probe is
// reported as a CSP violation. Jitless parsing is plenty fast for the screens' few parses. This module
// is imported before any route (and so before @troika/model builds its schemas).
config({ jitless: true });
