import { openDatabase, workspaces } from '@troika/db';
import { DocStore } from './sync/doc-store';
const dir = process.argv[2] ?? '/tmp/mb/srvdata';
const { rmSync } = await import('node:fs');
rmSync(dir, { recursive: true, force: true });
const h = await openDatabase({ dataDir: dir });
await h.migrate();
await h.db.insert(workspaces).values({ id: 'w1', name: 'W' });
const store = new DocStore(h);
const key = { workspaceId: 'w1', doc: 'board' };
const bytes = new Uint8Array(60).fill(3);
for (const [label, n] of [['warm', 200], ['seq', 2000]] as const) {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < n; i++) await store.append(key, bytes, 'u');
  const t = performance.now() - t0; const c = process.cpuUsage(c0);
  console.log(label, (t / n).toFixed(3), 'ms/append wall', ((c.user + c.system) / 1000 / n).toFixed(3), 'ms cpu (all threads)');
}
await h.close();
