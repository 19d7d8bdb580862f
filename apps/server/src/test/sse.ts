import { headersFor, waitFor, type Credentials } from './sync-harness';

/** One Server-Sent Event as received. */
export interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

/**
 * A Server-Sent Events client over real HTTP (fetch), keeping every event and comment line it
 * received, and whether the server ended the stream.
 *
 *   const stream = await openSse(url + '/api/notifications/stream', person);
 *   await stream.next('notification');        // the first such event not yet taken
 *   stream.close();
 */
export interface SseStream {
  status: number;
  events: SseEvent[];
  comments: string[];
  ended: boolean;
  /** Waits for the next event of this name not yet returned by `next`. */
  next(event: string, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export async function openSse(url: string, who: Credentials, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { ...headersFor(who), ...headers, accept: 'text/event-stream' }, signal: abort.signal });
  const taken = new Set<SseEvent>();
  const stream: SseStream = {
    status: response.status,
    events: [],
    comments: [],
    ended: false,
    async next(event, timeoutMs = 10_000) {
      let found: SseEvent | undefined;
      await waitFor(
        () => {
          found = stream.events.find((e) => e.event === event && !taken.has(e));
          return found !== undefined;
        },
        { timeoutMs, what: `SSE event ${event}` },
      );
      taken.add(found!);
      return found!;
    },
    close: () => abort.abort(),
  };
  if (!response.ok || !response.body) {
    stream.ended = true;
    return stream;
  }
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { event: 'message', id: null, data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
            else if (line.startsWith('event:')) event.event = line.slice(6).trim();
            else if (line.startsWith('id:')) event.id = line.slice(3).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length > 0 || event.event !== 'message') {
            event.data = data.join('\n');
            stream.events.push(event);
          }
        }
      }
    } catch {
      // Aborted by close(), or the connection dropped.
    }
    stream.ended = true;
  })();
  return stream;
}
