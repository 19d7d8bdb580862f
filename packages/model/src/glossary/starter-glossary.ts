import type * as Y from 'yjs';
import { addTerm, linkRelated } from './glossary-doc';
import { foldKey } from './normalize';
import type { TermInput } from './types';

type StarterTerm = TermInput & { related?: string[] };

// Jargon that IT and marketing both use, often for different things. Each meaning is written from
// that side's point of view; where they differ, the screen flags the term as needing a common meaning.
// Every starter term starts proposed: it becomes agreed when the workspace's own two sides sign it.
const STARTER: StarterTerm[] = [
  {
    term: 'Service level agreement',
    abbreviation: 'SLA',
    definition: 'A written promise of how well a service will run, and what happens when it does not.',
    it: 'Availability, response and resolution times we commit to for a system, e.g. 99.9 % uptime and a priority-1 incident answered within 15 minutes.',
    marketing: 'The turnaround agreed with an agency or with sales, e.g. every lead followed up within 24 hours.',
    related: ['Mean time to recovery', 'Uptime', 'Incident'],
  },
  {
    term: 'Mean time to recovery',
    abbreviation: 'MTTR',
    definition: 'How long, on average, it takes to get a broken service working again.',
    it: 'Average time from the start of an incident to full restoration of the service; a key number behind every SLA.',
    marketing: 'How long customers are stuck with a broken journey (checkout, app, e-mail) before it works again.',
    synonyms: ['mean time to restore', 'mean time to repair'],
    related: ['Incident'],
  },
  {
    term: 'Enterprise resource planning',
    abbreviation: 'ERP',
    definition: 'The company-wide system that runs finance, orders, stock and purchasing.',
    it: 'The back-office system of record (e.g. SAP, Oracle, Dynamics): the source of truth for orders, invoices, stock and prices; changed carefully and in releases.',
    marketing: 'Where prices, stock levels and order status come from: what the website and the campaigns promise must match it.',
    related: ['Back office', 'Application programming interface'],
  },
  {
    term: 'Application programming interface',
    abbreviation: 'API',
    definition: 'A documented way for one piece of software to ask another for data or actions.',
    it: 'A versioned contract (usually HTTP and JSON) between systems, with authentication, rate limits and an owner who keeps it stable.',
    marketing: 'How our tools (CRM, analytics, ad platforms, partner apps) plug into our data without manual exports.',
    related: ['Customer data platform'],
  },
  {
    term: 'Customer acquisition cost',
    abbreviation: 'CAC',
    definition: 'What it costs, on average, to win one new customer.',
    it: 'Includes the cost of the marketing technology and data platforms that support acquisition, not only media spend.',
    marketing: 'Sales and marketing spend in a period divided by the number of new customers won in it.',
    synonyms: ['cost per acquisition', 'CPA'],
    related: ['Customer lifetime value', 'Attribution'],
  },
  {
    term: 'Customer lifetime value',
    abbreviation: 'LTV',
    definition: 'The value a customer brings over the whole relationship with us.',
    it: 'A figure computed in the data warehouse from order and CRM history; only as good as the matching of one customer across systems.',
    marketing: 'The expected margin from a customer over the relationship; compared with CAC to decide how much a customer is worth winning.',
    synonyms: ['CLV', 'lifetime value'],
    related: ['Churn'],
  },
  {
    term: 'Net Promoter Score',
    abbreviation: 'NPS',
    definition: 'How likely customers are to recommend us, from −100 to +100.',
    it: 'A survey result stored with the customer record; IT makes sure each answer can be tied to the journey and systems the customer used.',
    marketing: 'Share of promoters (9-10) minus share of detractors (0-6) in answers to "How likely are you to recommend us?"; a headline measure of CX.',
    related: ['Customer experience'],
  },
  {
    term: 'Customer experience',
    abbreviation: 'CX',
    definition: 'Everything a customer goes through with us, across every channel and touchpoint.',
    it: 'The customer-facing systems (website, app, contact centre, stores) and how fast, reliable and consistent they are.',
    marketing: 'How customers perceive us across the whole journey, measured by NPS, satisfaction and effort scores.',
    related: ['Touchpoint', 'Front office'],
  },
  {
    term: 'Conversion',
    definition: 'A change from one state to another; which one depends on who is speaking.',
    it: 'Data conversion: transforming data from one format or system into another, e.g. when migrating to a new ERP.',
    marketing: 'A visitor doing what we wanted: a purchase, a sign-up, a request for a quote.',
    status: 'proposed',
    related: ['Conversion rate', 'Attribution'],
  },
  {
    term: 'Conversion rate',
    definition: 'The share of visits or people that end in a conversion.',
    it: 'An event count from web analytics divided by sessions; depends on tags firing and consent being given.',
    marketing: 'Conversions divided by visitors in a period; the outcome most digital work is meant to move.',
  },
  {
    term: 'Churn',
    definition: 'Losing something you had: customers, most of the time.',
    it: 'Besides lost customers: code churn, the share of code rewritten shortly after it was written, a sign of unstable requirements.',
    marketing: 'The share of customers who stop buying or cancel in a period; the mirror image of retention and a driver of LTV.',
    synonyms: ['attrition', 'churn rate'],
    related: ['Customer lifetime value'],
  },
  {
    term: 'Attribution',
    definition: 'Deciding which efforts get the credit for a result.',
    it: 'The tracking tags, identity matching and data pipelines that tie a sale to the clicks and visits before it; also charging IT costs to the business units that use them.',
    marketing: 'Giving credit for a conversion to the channels and campaigns that led to it (first touch, last touch, data-driven models).',
    synonyms: ['marketing attribution'],
    status: 'proposed',
    related: ['Touchpoint'],
  },
  {
    term: 'Lead',
    definition: 'Someone who might become a customer.',
    it: 'A record in the CRM with a source, a status and an owner; duplicates and missing consent are the usual problems.',
    marketing: 'A person or company that showed interest (a form, a download, a visit to a booth) and can be followed up.',
    synonyms: ['prospect'],
    related: ['Marketing qualified lead'],
  },
  {
    term: 'Marketing qualified lead',
    abbreviation: 'MQL',
    definition: 'A lead that marketing judges ready to be handed to sales.',
    it: 'A lead whose score in the marketing automation system passed a threshold, which triggers the hand-over in the CRM.',
    marketing: 'A lead that fits our target and showed enough interest that sales should call.',
  },
  {
    term: 'Uptime',
    definition: 'The share of time a service works as it should.',
    it: 'Measured availability of a system over a period, e.g. 99.95 % per month, excluding planned maintenance.',
    marketing: 'Whether customers can buy, book or get help at the moment they want to, planned maintenance included.',
    synonyms: ['availability'],
  },
  {
    term: 'Incident',
    definition: 'Something that went wrong and needs handling now.',
    it: 'An unplanned interruption or degradation of a service, logged, prioritised and resolved under the SLA.',
    marketing: 'A public problem that can hurt the brand: a broken campaign, a complaint going viral, a data leak in the news.',
    synonyms: ['outage'],
  },
  {
    term: 'Release',
    definition: 'Putting a new version of something in front of people.',
    it: 'A tested set of software changes deployed to production, with a version number and a way back.',
    marketing: 'A launch: a new product, feature or campaign announced to customers, often with a press release.',
    synonyms: ['launch', 'deployment'],
    status: 'proposed',
  },
  {
    term: 'Segment',
    definition: 'A group defined by what its members have in common.',
    it: 'A part of a network isolated from the rest for security; also a query over customer data kept in sync across tools.',
    marketing: 'A group of customers who share traits or behaviour and get the same message or offer.',
    synonyms: ['audience'],
    status: 'proposed',
  },
  {
    term: 'Customer data platform',
    abbreviation: 'CDP',
    definition: 'A system that gathers what we know about each customer into one profile.',
    it: 'A platform that collects events and records from many systems through APIs, resolves identities and sends profiles on to other tools.',
    marketing: 'One view of each customer to build segments and personalise campaigns without asking IT for every list.',
    related: ['Segment'],
  },
  {
    term: 'Touchpoint',
    definition: 'A moment where a customer meets the company.',
    it: 'A channel or system a customer interacts with: the website, the app, the contact centre, an e-mail.',
    marketing: 'Every contact with the brand along the journey, from an ad to a delivery to a support call.',
  },
  {
    term: 'Front office',
    definition: 'The parts of the company that deal with customers directly.',
    it: 'Customer-facing technology: websites, apps, CRM, contact-centre and point-of-sale systems.',
    marketing: 'Sales, service and marketing: the people and channels customers see.',
    related: ['Back office'],
  },
  {
    term: 'Back office',
    definition: 'The parts of the company customers do not see, that make the promises come true.',
    it: 'Systems of record: ERP, billing, supply chain, HR and finance.',
    marketing: 'Fulfilment, billing and logistics: where a promise made in a campaign is kept or broken.',
  },
  {
    term: 'Technical debt',
    definition: 'Past shortcuts in systems that make every future change slower and riskier.',
    it: 'Code, data and architecture that work but are hard to change; paid back by refactoring, or paid in interest on every project.',
    marketing: 'Why a "simple" change to the website or a campaign can take weeks.',
    status: 'proposed',
  },
  {
    term: 'Key performance indicator',
    abbreviation: 'KPI',
    definition: 'A number that shows how well we are doing on something that matters.',
    it: 'A measurable value tracked against a target.',
    marketing: 'A measurable value tracked against a target.',
    synonyms: ['metric'],
  },
  {
    term: 'Big data',
    definition: 'Old name for large data sets and the tools to process them; say "data platform" instead.',
    it: 'Large volumes of data processed with distributed tools (Hadoop era).',
    marketing: 'Using lots of customer data to target and personalise.',
    status: 'deprecated',
  },
];

/** Fills an empty glossary with common IT and marketing jargon, each term with both sides' meanings. */
export function seedStarterGlossary(doc: Y.Doc): void {
  doc.transact(() => {
    const ids = new Map<string, string>();
    for (const { related: _related, ...input } of STARTER) ids.set(foldKey(input.term), addTerm(doc, input));
    for (const { term, related = [] } of STARTER) {
      for (const other of related) linkRelated(doc, ids.get(foldKey(term))!, ids.get(foldKey(other))!);
    }
  });
}

/** How many terms the starter glossary has (for tests and the README). */
export const STARTER_GLOSSARY_SIZE = STARTER.length;
