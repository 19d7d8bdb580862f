import {
  addNote,
  addPainPoint,
  addStage,
  addTouchpoint,
  castVote,
  createJourney,
  linkKpi,
  newPainPointInput,
  type NoteColor,
  type PainPointInput,
  type Seat,
} from '@troika/model';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * Journeys built outside the browser, with the product's own model functions, over a real
 * y-websocket connection (as another program or person would): for screenshots of a populated map,
 * and for the journey benchmark.
 */

/** A y-websocket client on one document of a workspace, authenticated with a session cookie. */
export class DocClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;

  constructor(baseURL: string, cookie: string, workspaceId: string, name: string) {
    const headers = { cookie };
    class CookieSocket extends WebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    }
    const url = `${baseURL.replace(/^http/, 'ws')}/sync/${workspaceId}`;
    this.provider = new WebsocketProvider(url, name, this.doc, { WebSocketPolyfill: CookieSocket as never, disableBc: true, maxBackoffTime: 500 });
  }

  /** Resolves once the server's state has arrived. */
  async synced(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.provider.synced && this.provider.wsconnected)) {
      if (Date.now() > deadline) throw new Error('the y-websocket client did not sync');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** `name=value` of the session cookie of a Playwright context's cookies. */
export function cookieHeader(cookies: { name: string; value: string }[]): string {
  const session = cookies.find((c) => c.name === 'troika_session');
  if (!session) throw new Error('no troika_session cookie: sign in first');
  return `${session.name}=${session.value}`;
}

/** Waits until a fresh client sees `check` true on the server's copy (the seed is stored and served). */
export async function waitForServer(baseURL: string, cookie: string, workspaceId: string, name: string, check: (doc: Y.Doc) => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = new DocClient(baseURL, cookie, workspaceId, name);
    try {
      await probe.synced();
      if (check(probe.doc)) return;
    } finally {
      probe.destroy();
    }
    if (Date.now() > deadline) throw new Error(`the server's ${name} document never passed the check`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const pain = newPainPointInput;

/**
 * A realistic journey: a small business switching broadband provider, six stages with touchpoints on
 * five channels, pain points of every severity and side, votes, KPI links and sticky notes.
 */
export function seedSampleJourney(doc: Y.Doc, options: { voters?: string[]; author?: string; kpiIds?: string[] } = {}): { journeyId: string; stages: string[] } {
  const voters = options.voters ?? [];
  const author = options.author ?? '';
  const kpis = options.kpiIds ?? [];
  let journeyId = '';
  const stages: string[] = [];
  doc.transact(() => {
    journeyId = createJourney(doc, { title: 'Switching broadband', persona: 'Small business owner who switches provider once every five years, mostly on the phone' });
    const s = (name: string, emotion: number) => {
      const id = addStage(doc, journeyId, { name, emotion });
      stages.push(id);
      return id;
    };
    const t = (stageId: string, name: string, channel: string) => addTouchpoint(doc, journeyId, stageId, { name, channel });
    const p = (input: PainPointInput, votes = 0, kpi?: string) => {
      const id = addPainPoint(doc, journeyId, input);
      for (const user of voters.slice(0, votes)) castVote(doc, journeyId, id, user);
      if (kpi) linkKpi(doc, journeyId, id, kpi);
      return id;
    };
    const owners = (...seats: Seat[]) => seats;

    const discover = s('Discover', 1);
    const compare = s('Compare offers', 0);
    const signUp = s('Sign up', -1);
    const install = s('Installation', -2);
    const bill = s('First bill', -1);
    const support = s('Get support', 1);

    const ads = t(discover, 'Search ads', 'web');
    const social = t(discover, 'Word of mouth', 'social');
    const comparison = t(compare, 'Comparison page', 'web');
    const hotlineSales = t(compare, 'Sales hotline', 'phone');
    const checkout = t(signUp, 'Online checkout', 'web');
    const appSignup = t(signUp, 'Sign-up in the app', 'app');
    const booking = t(install, 'Engineer booking', 'phone');
    const visit = t(install, 'Engineer visit', 'store');
    const welcome = t(install, 'Welcome email', 'email');
    const invoice = t(bill, 'Paper invoice', 'post');
    const account = t(bill, 'My account', 'web');
    const helpline = t(support, 'Helpline', 'phone');
    const chat = t(support, 'Chat', 'chat');

    p(pain(discover, ads, 'Business offers hidden behind consumer ads', { severity: 2, customersAffected: 2500, owners: owners('cmo', 'marketing') }), 1);
    p(pain(discover, social, 'Reviews mention outages we fixed last year', { severity: 1, customersAffected: 800, owners: owners('marketing') }));
    p(pain(compare, comparison, 'Prices shown without VAT for some plans only', { severity: 3, customersAffected: 6000, side: 'both', owners: owners('cmo', 'cio') }), 2, kpis[0]);
    p(pain(compare, hotlineSales, 'Hold time over 12 minutes at lunch', { severity: 4, customersAffected: 1800, side: 'back', owners: owners('business'), status: 'in-progress' }), 1);
    p(pain(signUp, checkout, 'Address lookup fails for new buildings', { severity: 5, customersAffected: 900, side: 'back', owners: owners('cio', 'it'), description: 'The address database is refreshed quarterly.' }), 3, kpis[0]);
    p(pain(signUp, checkout, 'Card declined without a reason', { severity: 4, customersAffected: 3100, side: 'back', owners: owners('cio') }), 2);
    p(pain(signUp, appSignup, 'App asks for the same documents twice', { severity: 3, customersAffected: 1200, owners: owners('it', 'marketing') }));
    p(pain(signUp, null, 'No confirmation of the switch date', { severity: 3, customersAffected: 5000, side: 'back', owners: owners('business') }), 1);
    p(pain(install, booking, 'Only weekday slots, 8 to 12 or 12 to 5', { severity: 4, customersAffected: 4200, side: 'back', owners: owners('business', 'it') }), 2, kpis[1]);
    p(pain(install, visit, 'Engineer arrives without the router', { severity: 5, customersAffected: 350, side: 'back', owners: owners('business') }), 1);
    p(pain(install, welcome, 'Welcome email lands in spam', { severity: 2, customersAffected: 7000, owners: owners('marketing', 'it'), status: 'resolved' }));
    p(pain(bill, invoice, 'First bill charges two months at once', { severity: 4, customersAffected: 6500, side: 'back', owners: owners('cio', 'business') }), 1, kpis[1]);
    p(pain(bill, account, 'Invoice PDF not available for 10 days', { severity: 2, customersAffected: 2000, side: 'both', owners: owners('it') }));
    p(pain(support, helpline, 'Agents cannot see the installation notes', { severity: 4, customersAffected: 2600, side: 'back', owners: owners('cio', 'it') }), 1);
    p(pain(support, chat, 'Chat closes at 6 pm', { severity: 2, customersAffected: 1500, owners: owners('business') }));

    const note = (stageId: string, text: string, x: number, y: number, color: NoteColor) => addNote(doc, journeyId, { text, stageId, x, y, color, author });
    note(compare, 'Ask finance why VAT differs by plan', 96, 520, 'yellow');
    note(signUp, 'Quick win? Fall back to a manual address form', 70, 700, 'green');
    note(install, 'Interview 5 customers who waited > 2 weeks', 80, 600, 'pink');
    note(support, 'CRM project in Q3 could fix this', 60, 470, 'blue');
  });
  return { journeyId, stages };
}

const CHANNELS = ['web', 'app', 'phone', 'store', 'email'];
const SIDES = ['front', 'back', 'both'] as const;
const SEATS: Seat[] = ['cio', 'cmo', 'business', 'it', 'marketing'];
const COLORS: NoteColor[] = ['yellow', 'pink', 'blue', 'green', 'orange'];

/** A large journey for the benchmark: `stages` stages, `touchpoints`, `painPoints` and `notes` spread over them. */
export function seedLargeJourney(doc: Y.Doc, size: { stages: number; touchpoints: number; painPoints: number; notes: number }, author = ''): { journeyId: string; stages: string[] } {
  let journeyId = '';
  const stages: string[] = [];
  const touchpoints: { stageId: string; id: string }[] = [];
  doc.transact(() => {
    journeyId = createJourney(doc, { title: 'Benchmark journey', persona: 'Everyone at once' });
    for (let i = 0; i < size.stages; i++) stages.push(addStage(doc, journeyId, { name: `Stage ${i + 1}`, emotion: ((i * 3) % 5) - 2 }));
    for (let i = 0; i < size.touchpoints; i++) {
      const stageId = stages[i % stages.length]!;
      touchpoints.push({ stageId, id: addTouchpoint(doc, journeyId, stageId, { name: `Touchpoint ${i + 1}`, channel: CHANNELS[Math.floor(i / stages.length) % CHANNELS.length]! }) });
    }
    for (let i = 0; i < size.painPoints; i++) {
      const tp = touchpoints[i % touchpoints.length]!;
      addPainPoint(doc, journeyId, pain(tp.stageId, i % 7 === 0 ? null : tp.id, `Pain point ${i + 1}: something slow or confusing`, {
        severity: 1 + (i % 5),
        customersAffected: (i * 137) % 10_000,
        side: SIDES[i % 3]!,
        owners: [SEATS[i % 5]!],
        status: i % 9 === 0 ? 'resolved' : 'open',
      }));
    }
    for (let i = 0; i < size.notes; i++) {
      addNote(doc, journeyId, { text: `Note ${i + 1}`, stageId: stages[i % stages.length]!, x: (i * 37) % 80, y: 200 + ((i * 97) % 1800), color: COLORS[i % 5]!, author });
    }
  });
  return { journeyId, stages };
}

/** Has `guest` join a workspace with this role and seat, through an invite the owner creates. */
export async function joinWorkspace(
  owner: { post: (url: string, options?: { data?: unknown }) => Promise<{ status(): number; json(): Promise<unknown> }> },
  guest: { post: (url: string, options?: { data?: unknown }) => Promise<{ status(): number }> },
  workspaceId: string,
  role: 'editor' | 'viewer',
  seat: Seat,
): Promise<void> {
  const created = await owner.post(`/api/workspaces/${workspaceId}/invites`, { data: { role, seat } });
  if (created.status() !== 201) throw new Error(`invite failed: ${created.status()}`);
  const { token } = (await created.json()) as { token: string };
  const accepted = await guest.post(`/api/invites/${token}/accept`);
  if (accepted.status() !== 200) throw new Error(`accept failed: ${accepted.status()}`);
}
