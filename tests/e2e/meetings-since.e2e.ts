import { addTerm, createMeeting, endMeeting, startMeeting } from '@troika/model';
import { expectAccessible } from './support/axe';
import { expect, test } from './support/fixtures';
import { newPerson } from './support/people';
import { LAPTOP, snap } from './support/screenshots';
import { api, editDoc, personOnPage } from './support/sync-setup';

// A meeting opens with what moved since the last one, one click from its agenda, and its minutes keep
// that list as it was; conversations feed the meeting: open threads are suggested as agenda items, and
// a decision recorded from a thread links back to it.

type Version = { id: string; kind: string; meetingId: string | null; event: string | null };
type ExportedMeeting = { title: string; sinceLast: { items: { title: string; what: string }[] } | null; decisions: { text: string; thread: { id: string } | null }[] };

test('a meeting opens with what moved since the last one, its minutes keep that list, and conversations feed it', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const ada = newPerson('Ada Lovelace');
  const page = await personOnPage(browser, baseURL, ada);
  const since = page.getByRole('region', { name: 'Since the last meeting' });
  const agenda = page.getByRole('list', { name: 'Agenda items', exact: true });

  let ws = '';
  let conversion = '';
  let csat = '';
  let csatThread = '';
  await test.step('set-up: the starter board, and November’s meeting held and ended', async () => {
    ws = (await api<{ id: string }>(page, 'post', '/api/workspaces', { name: 'Acme leadership', seat: 'cio', starter: true })).id;
    const adaId = (await api<{ user: { id: string } }>(page, 'get', '/api/me')).user.id;
    const { kpis } = await api<{ kpis: { id: string; name: string }[] }>(page, 'get', `/api/workspaces/${ws}/kpis`);
    conversion = kpis.find((k) => k.name === 'Online conversion rate')!.id;
    csat = kpis.find((k) => k.name === 'Customer satisfaction (CSAT)')!.id;
    await editDoc(page, baseURL!, ws, 'meetings', (doc) => {
      const nov = createMeeting(doc, { title: 'November troika', date: new Date().toISOString().slice(0, 10) }, 'novmeeting1');
      startMeeting(doc, nov, adaId);
      endMeeting(doc, nov, { kpis: [], people: new Map([[adaId, ada.name]]) });
    });
    // The meeting versions are made as the server records the end: changes must come after them.
    await expect
      .poll(async () => (await api<{ versions: Version[] }>(page, 'get', `/api/workspaces/${ws}/docs/board/versions`)).versions.some((v) => v.meetingId === 'novmeeting1' && v.event === 'end'), {
        timeout: 20_000,
      })
      .toBe(true);
  });

  await test.step('after it, a KPI changes status, a term is added and someone asks about a KPI', async () => {
    await api(page, 'post', `/api/workspaces/${ws}/kpis/${conversion}/values`, { at: '2026-11-01', value: 2.1 });
    await editDoc(page, baseURL!, ws, 'glossary', (doc) => {
      addTerm(doc, { term: 'Churn', it: 'Accounts closed.', marketing: 'Customers who stopped buying.', status: 'proposed' });
    });
    csatThread = (await api<{ id: string }>(page, 'post', `/api/workspaces/${ws}/threads`, { target: { kind: 'kpi', id: csat }, body: 'Why does CSAT have no owner on the business side?' })).id;
  });

  await test.step('the next meeting opens with those changes, grouped; one click puts one on the agenda', async () => {
    await page.goto(`/w/${ws}/meetings`);
    await page.getByRole('button', { name: 'New meeting' }).click();
    await page.getByLabel('Title').fill('December troika');
    await page.getByRole('button', { name: 'Create meeting' }).click();
    await expect(page.getByLabel('Meeting title')).toHaveValue('December troika');

    const kpis = since.getByRole('list', { name: 'KPIs since the last meeting' });
    await expect(kpis.getByRole('listitem')).toContainText('Online conversion rate');
    await expect(kpis).toContainText('Off track');
    await expect(kpis).toContainText('2.1% on 2026-11-01 added');
    const terms = since.getByRole('list', { name: 'Glossary since the last meeting' });
    await expect(terms).toContainText('Churn');
    await expect(terms).toContainText('Added (proposed)');
    await expect(since).toContainText('Since November troika ended');
    await expectAccessible(page, 'meeting page with "since the last meeting"');

    await since.getByRole('button', { name: 'Add Online conversion rate to the agenda' }).click();
    await expect(agenda.getByRole('listitem', { name: 'Online conversion rate' })).toBeVisible();
    await expect(kpis).toContainText('On the agenda');
  });

  await test.step('an open thread on a KPI is suggested as an agenda item', async () => {
    const open = page.getByRole('region', { name: 'Open conversations' });
    const item = open.getByRole('listitem', { name: 'Customer satisfaction (CSAT)' });
    await expect(item).toContainText('Why does CSAT have no owner on the business side?');
    await expect(item).toContainText('1 open thread');
    await expectAccessible(page, 'meeting page with open conversations suggested');
    await snap(page, 'meeting-since-planned-laptop');
    await page.setViewportSize({ width: 1440, height: 900 });
    await snap(page, 'meeting-since-planned-1440');
    await page.setViewportSize(LAPTOP);
    await item.getByRole('button', { name: 'Add Customer satisfaction (CSAT) to the agenda' }).click();
    await expect(agenda.getByRole('listitem', { name: 'Customer satisfaction (CSAT)' })).toBeVisible();
    await expect(open.getByRole('listitem', { name: 'Customer satisfaction (CSAT)' })).toHaveCount(0);
  });

  let threadId = '';
  let meetingUrl = '';
  await test.step('a decision recorded from the agenda item’s thread links back to it', async () => {
    await page.getByRole('button', { name: 'Start meeting' }).click();
    // Live, the list covers the last meeting's end to this one's start: the same changes.
    await expect(since).toContainText('until this one started');
    await expect(since.getByRole('list', { name: 'KPIs since the last meeting' })).toContainText('2.1% on 2026-11-01 added');
    await agenda.getByRole('link', { name: /Online conversion rate/ }).click();
    const panel = page.getByRole('region', { name: 'Agenda item: Online conversion rate' });
    await panel.getByRole('button', { name: /^Comments/ }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Comments' });
    await drawer.getByLabel('Start a thread').fill('Agreed: fix the checkout before raising the target.');
    await drawer.getByRole('button', { name: 'Comment', exact: true }).click();
    const thread = drawer.getByRole('article');
    await expect(thread).toContainText('Agreed: fix the checkout');
    threadId = (await thread.getAttribute('data-thread'))!;
    await thread.getByRole('button', { name: 'Record as decision' }).click();
    const text = drawer.getByLabel('Decision in “December troika”');
    await expect(text).toHaveValue('Agreed: fix the checkout before raising the target.');
    await expectAccessible(page, 'recording a decision from a thread');
    await snap(page, 'meeting-record-decision-laptop');
    await drawer.getByRole('button', { name: 'Record decision' }).click();
    await drawer.getByRole('button', { name: 'Close comments' }).click();

    const decision = panel.getByRole('listitem', { name: 'Agreed: fix the checkout before raising the target.' });
    const link = decision.getByRole('link', { name: 'from the conversation on agenda item “Online conversion rate”' });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`thread=${threadId}`));
    await expect(page.getByRole('dialog', { name: 'Comments' }).locator(`[data-thread="${threadId}"]`)).toBeVisible();
    await page.getByRole('button', { name: 'Close comments' }).click();
    meetingUrl = new URL(page.url()).pathname;
  });

  await test.step('while the meeting is live, a thread anywhere (a KPI’s, on the board) can become its decision', async () => {
    await page.goto(`/w/${ws}/board?kpi=${csat}&thread=${csatThread}`);
    const drawer = page.getByRole('dialog', { name: 'Comments' });
    const thread = drawer.locator(`[data-thread="${csatThread}"]`);
    await expect(thread).toContainText('Why does CSAT have no owner on the business side?');
    await thread.getByRole('button', { name: 'Record as decision' }).click();
    await drawer.getByLabel('Decision in “December troika”').fill('The CMO co-owns CSAT from January.');
    await drawer.getByRole('button', { name: 'Record decision' }).click();
    await expect(page.getByText('Decision recorded in “December troika”.')).toBeVisible();
    await page.goto(meetingUrl);
    await agenda.getByRole('link', { name: /Customer satisfaction/ }).click();
    const decision = page.getByRole('region', { name: 'Agenda item: Customer satisfaction (CSAT)' }).getByRole('listitem', { name: 'The CMO co-owns CSAT from January.' });
    await expect(decision.getByRole('link', { name: 'from the conversation on KPI “Customer satisfaction (CSAT)”' })).toHaveAttribute('href', new RegExp(`/board\\?kpi=${csat}&thread=${csatThread}$`));
  });

  await test.step('the meeting ends; its minutes keep the list, as it was, after more edits', async () => {
    await page.getByRole('button', { name: 'End meeting' }).click();
    await page.getByRole('dialog', { name: 'End the meeting?' }).getByRole('button', { name: 'End meeting' }).click();
    const minutes = page.getByRole('article', { name: 'Minutes' });
    await expect(minutes.getByRole('region', { name: 'Since the last meeting' })).toContainText('2.1% on 2026-11-01 added');
    await expect(minutes.getByRole('link', { name: 'from the conversation on agenda item “Online conversion rate”' })).toBeVisible();
    // Kept in the meeting once read (the window closed when it started): the export carries it.
    await expect
      .poll(async () => {
        const { meetings } = await api<{ meetings: ExportedMeeting[] }>(page, 'get', `/api/workspaces/${ws}/export?format=json`);
        return meetings.find((m) => m.title === 'December troika')?.sinceLast?.items.map((i) => i.title) ?? null;
      })
      .toEqual(['Online conversion rate', 'Churn']);

    await api(page, 'post', `/api/workspaces/${ws}/kpis/${conversion}/values`, { at: '2026-12-01', value: 3.9 });
    await editDoc(page, baseURL!, ws, 'glossary', (doc) => {
      addTerm(doc, { term: 'Lead', it: 'A row in the CRM.', marketing: 'Someone who asked for a demo.', status: 'proposed' });
    });
    // Opened afresh (without the thread in the address, which would open its comments).
    await page.goto(new URL(page.url()).pathname);
    const kept = page.getByRole('article', { name: 'Minutes' }).getByRole('region', { name: 'Since the last meeting' });
    await expect(kept.getByRole('list', { name: 'KPIs since the last meeting' })).toContainText('Off track; 2.1% on 2026-11-01 added');
    await expect(kept).toContainText('Churn');
    await expect(kept).not.toContainText('Lead');
    await expect(kept).not.toContainText('3.9');
    await expectAccessible(page, 'minutes with the kept "since the last meeting"');
    await snap(page, 'meeting-since-minutes-laptop');
    await page.setViewportSize({ width: 1440, height: 900 });
    await snap(page, 'meeting-since-minutes-1440');

    const md = await (await page.request.get(`/api/workspaces/${ws}/export?format=md`)).text();
    expect(md).toContain('Since the last meeting (since “November troika”');
    expect(md).toContain('- Online conversion rate: Status No data → Off track; 2.1% on 2026-11-01 added');
    expect(md).toContain('from the conversation on agenda item “Online conversion rate”');
    const { meetings } = await api<{ meetings: ExportedMeeting[] }>(page, 'get', `/api/workspaces/${ws}/export?format=json`);
    expect(meetings.find((m) => m.title === 'December troika')?.decisions[0]?.thread?.id).toBe(threadId);
  });
});
