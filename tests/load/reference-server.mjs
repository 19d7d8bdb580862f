#!/usr/bin/env node
// The reference y-websocket server for the sync benchmark: @y/websocket-server 0.1.1 (exactly; 0.1.5
// needs a yjs 14 prerelease), wired as its own `bin` does, through its `utils` setupWSConnection, with
// NO persistence (YPERSISTENCE unset: documents live in memory only and are never unloaded).
//
// One difference from the package's bin: the bin imports `ws` through the package's optional
// dependency (ws 6); here we use the ws 8 that Troika also uses, so both servers share one
// WebSocket implementation and the comparison is between the sync engines.
//
// Usage: PORT=1234 HOST=127.0.0.1 node tests/load/reference-server.mjs
// Prints "listening <port>" on stdout once ready. Every request path is a document name, e.g.
// ws://127.0.0.1:1234/sync/<workspace>/board is the document "sync/<workspace>/board".
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection, docs } from '@y/websocket-server/utils';

if (process.env.YPERSISTENCE) {
  console.error('reference-server: unset YPERSISTENCE; the benchmark compares against an in-memory server');
  process.exit(2);
}

const host = process.env.HOST || '127.0.0.1';
const port = Number.parseInt(process.env.PORT || '1234', 10);

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);

const server = http.createServer((request, response) => {
  if (request.url === '/stats') {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    let connections = 0;
    for (const doc of docs.values()) connections += doc.conns.size;
    response.end(JSON.stringify({ docs: docs.size, connections }));
    return;
  }
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});

server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

server.listen(port, host, () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : port}`);
});

const stop = () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
