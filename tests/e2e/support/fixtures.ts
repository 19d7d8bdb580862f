import { test as base, expect } from '@playwright/test';

/** Playwright's `test`, pointed at the server that the global setup started. */
export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.TROIKA_URL;
    if (!url) throw new Error('TROIKA_URL is not set: run through playwright.config.ts (its global setup starts the server)');
    await use(url);
  },
});

export { expect };
