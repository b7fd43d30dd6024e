import {
  Campaign,
  type ContactContext,
  type ContactFacts,
  Criterion,
  Feedback,
  Goal,
  Lead,
  LeadDefinition,
  Member,
  ReadState,
  SalesPlay,
  type AnyRecord,
  type FeedbackReason,
  type RecordType,
  type Verdict,
} from './model';
import { localToday } from './campaigns';

/**
 * The demo workspace: what a new user sees before connecting to a server, so Tandem shows
 * what it is for within a minute. Every name is fictitious, and the UI labels it as demo
 * data. The server seeds the same content for `npm start`.
 *
 * Ids are fixed so that the extension and the server's demo workspace agree.
 */
export const demoIds = {
  you: '00000000-0000-4000-8000-000000000001',
  marketer: '00000000-0000-4000-8000-000000000002',
  rep: '00000000-0000-4000-8000-000000000003',
  definition: '00000000-0000-4000-8000-000000000010',
  feedback: '00000000-0000-4000-8000-000000000020',
  reply: '00000000-0000-4000-8000-000000000021',
} as const;

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function criterion(n: number, label: string, field: string, op: string, value: unknown, weight = 10, description?: string): Criterion {
  return Criterion.parse({ id: id(100 + n), label, field, op, value, weight, ...(description ? { description } : {}) });
}

function dayOffset(today: Date, days: number): string {
  const d = new Date(today);
  d.setDate(d.getDate() + days);
  return localToday(d);
}

export interface DemoWorkspace {
  records: { type: RecordType; record: AnyRecord }[];
  contacts: ContactContext[];
}

export function demoWorkspace(now: Date = new Date()): DemoWorkspace {
  const at = now.toISOString();
  const base = { version: 1, deleted: false, updatedAt: at };
  const day = (n: number) => dayOffset(now, n);

  const members = [
    Member.parse({ ...base, id: demoIds.you, name: 'You (demo)', role: 'admin' }),
    Member.parse({ ...base, id: demoIds.marketer, name: 'Priya Shah', email: 'priya@tandem-demo.com', role: 'marketing' }),
    Member.parse({ ...base, id: demoIds.rep, name: 'Jordan Lee', email: 'jordan@tandem-demo.com', role: 'sales' }),
  ];

  const definition = LeadDefinition.parse({
    ...base,
    id: demoIds.definition,
    name: 'Ideal customer: mid-market B2B teams',
    number: 1,
    threshold: 60,
    criteria: [
      criterion(1, 'Company of 50 to 5,000 people', 'employees', 'between', [50, 5000], 20),
      criterion(2, 'Industry we serve', 'industry', 'in', ['Software', 'SaaS', 'Fintech', 'E-commerce', 'Logistics'], 15),
      criterion(3, 'Senior enough to buy', 'seniority', 'in', ['Director', 'Head', 'VP', 'C-level'], 15),
      criterion(4, 'Works in a revenue team', 'department', 'in', ['Revenue Operations', 'Sales', 'Marketing', 'Operations'], 10),
      criterion(5, 'In a region we sell to', 'country', 'in', ['US', 'CA', 'GB', 'DE', 'FR', 'NL'], 10),
      criterion(6, 'Business email', 'emailDomain', 'notIn', ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com'], 10),
      criterion(7, 'Title names a buying role', 'title', 'matches', '\\b(head|director|vp|vice president|chief|manager)\\b', 10, 'names a buying role (head, director, VP, vice president, chief, manager)'),
      criterion(8, 'Came in through a high-intent channel', 'leadSource', 'in', ['Demo request', 'Webinar', 'Pricing page'], 10),
    ],
    disqualifiers: [
      criterion(20, 'Student or academic email', 'email', 'matches', '\\.(edu|ac\\.[a-z]{2})$', 0, 'ends in .edu or an academic domain such as .ac.uk'),
      criterion(21, 'Works for a competitor', 'emailDomain', 'in', ['rivalry-crm.com', 'pipelinepro-demo.com'], 0),
    ],
    stages: [
      { name: 'Lead', owner: 'marketing', entry: 'Any person we can reach: captured, imported or signed up.' },
      { name: 'MQL', owner: 'marketing', entry: 'Scores 60 or more against this definition and is not disqualified.' },
      { name: 'SAL', owner: 'sales', entry: 'Sales accepted the MQL within the SLA after checking the fit.' },
      { name: 'SQL', owner: 'sales', entry: 'A first call confirmed need, budget and a buying role.' },
      { name: 'Opportunity', owner: 'sales', entry: 'A deal with an amount and a close date is open in the CRM.' },
    ],
    sla: {
      acceptWithinHours: 24,
      minAttempts: 3,
      notes: 'Return an MQL with a reason rather than letting it sit: Marketing learns from every rejection.',
    },
    notes: 'Agreed by Sales and Marketing. Propose changes through feedback; Marketing publishes a new version.',
    changeNote: 'First version of the shared definition.',
    publishedAt: at,
    publishedBy: 'Priya Shah',
  });

  const campaigns = [
    Campaign.parse({
      ...base,
      id: id(200),
      name: 'Revenue Ops webinar series',
      product: 'Pipeline Analytics',
      status: 'active',
      startsOn: day(-20),
      endsOn: day(40),
      audience: [criterion(30, 'Revenue, sales or marketing team', 'department', 'in', ['Revenue Operations', 'Sales', 'Marketing'])],
      targetAccounts: [],
      utmCampaign: 'revops-webinar',
      talkingPoints: [
        'Ask which session they joined; the recording and slides are in the assets.',
        'Pipeline Analytics shows stage-to-stage conversion without a spreadsheet.',
        'Offer the free pipeline audit: 30 minutes with a solutions engineer.',
      ],
      offer: 'Free pipeline audit (30 minutes)',
      assets: [
        { label: 'Webinar recording', url: 'https://tandem-demo.com/webinars/revops' },
        { label: 'One-pager (PDF)', url: 'https://tandem-demo.com/assets/pipeline-analytics.pdf' },
      ],
      owner: 'Priya Shah',
    }),
    Campaign.parse({
      ...base,
      id: id(201),
      name: 'Forecasting for named accounts',
      product: 'Forecasting',
      status: 'active',
      startsOn: day(-10),
      endsOn: day(50),
      audience: [],
      targetAccounts: ['contoso.com', 'adventure-works.com', 'northwind-logistics.com'],
      talkingPoints: [
        'Their board asked for a forecast they can trust: lead with forecast accuracy.',
        'Reference customer in the same industry available on request.',
      ],
      offer: 'Two months free on an annual plan',
      assets: [{ label: 'Forecasting case study', url: 'https://tandem-demo.com/case-studies/forecasting' }],
      owner: 'Priya Shah',
    }),
    Campaign.parse({
      ...base,
      id: id(202),
      name: 'Compliance Pack launch for fintech',
      product: 'Compliance Pack',
      status: 'active',
      startsOn: day(10),
      endsOn: day(70),
      audience: [criterion(31, 'Fintech or banking', 'industry', 'in', ['Fintech', 'Banking'])],
      targetAccounts: [],
      talkingPoints: ['Audit trails for every pipeline change, ready for regulators.'],
      offer: 'Early-access pricing until launch day',
      assets: [],
      owner: 'Priya Shah',
    }),
    Campaign.parse({
      ...base,
      id: id(203),
      name: 'Summer EMEA roadshow',
      product: 'Pipeline Analytics',
      status: 'ended',
      startsOn: day(-120),
      endsOn: day(-60),
      audience: [],
      targetAccounts: ['fabrikam.com', 'litware.com'],
      talkingPoints: ['They met us at the roadshow: mention the city and the live demo.'],
      offer: '',
      assets: [],
      owner: 'Priya Shah',
    }),
  ];

  const plays = [
    SalesPlay.parse({
      ...base,
      id: id(300),
      name: 'Forecasting upsell to current customers',
      product: 'Forecasting',
      startsOn: day(-15),
      endsOn: day(45),
      pitch: 'Customers on Pipeline Analytics get Forecasting at 20% off this quarter.',
      owner: 'Jordan Lee',
    }),
    SalesPlay.parse({
      ...base,
      id: id(301),
      name: 'Data Enrichment bundle push',
      product: 'Data Enrichment',
      startsOn: day(-5),
      endsOn: day(25),
      pitch: 'Bundle Data Enrichment with any new contract before quarter end.',
      owner: 'Jordan Lee',
    }),
  ];

  const feedback = Feedback.parse({
    ...base,
    version: 2,
    id: demoIds.feedback,
    subject: { contactKey: 'email:marco.rossi@fabrikam.com', contactName: 'Marco Rossi' },
    verdict: 'reject',
    reasons: ['too-small'],
    note: 'Lovely conversation, but 45 people and no RevOps team yet.',
    author: { memberId: demoIds.rep, name: 'Jordan Lee' },
    createdAt: at,
    replies: [
      {
        id: demoIds.reply,
        body: 'Thanks, that helps. We will tighten the size filter on the roadshow follow-ups.',
        author: { memberId: demoIds.marketer, name: 'Priya Shah' },
        createdAt: at,
      },
    ],
  });

  const contacts: ContactContext[] = [
    {
      source: 'demo', name: 'Dana Whitfield', email: 'dana.whitfield@contoso.com', title: 'VP Revenue Operations',
      seniority: 'VP', department: 'Revenue Operations', company: 'Contoso', industry: 'Software', employees: 850,
      country: 'US', leadSource: 'Webinar', custom: { utm_campaign: 'revops-webinar' },
    },
    {
      source: 'demo', name: 'Aisha Khan', email: 'aisha.khan@litware.com', title: 'Head of Sales', seniority: 'Head',
      department: 'Sales', company: 'Litware', industry: 'Fintech', employees: 220, country: 'GB',
      leadSource: 'Demo request', custom: {},
    },
    {
      source: 'demo', name: 'Sofia Martínez', email: 'sofia.martinez@adventure-works.com', title: 'Director of Operations',
      seniority: 'Director', department: 'Operations', company: 'Adventure Works', industry: 'E-commerce',
      employees: 1200, country: 'ES', custom: {},
    },
    {
      source: 'demo', name: 'Marco Rossi', email: 'marco.rossi@fabrikam.com', title: 'Marketing Manager',
      seniority: 'Manager', department: 'Marketing', company: 'Fabrikam', industry: 'Manufacturing', employees: 45,
      country: 'IT', custom: {},
    },
    {
      source: 'demo', name: 'Tom Becker', email: 'tom.becker@westbrook.edu', title: 'Graduate student',
      company: 'Westbrook University', industry: 'Education', country: 'US', custom: {},
    },
    { source: 'demo', name: 'Li Wei', email: 'li.wei@gmail.com', custom: {} },
  ];

  const { leads, leadFeedback, goals, reads } = dashboardDemo(now, day);

  return {
    records: [
      ...members.map((record) => ({ type: 'member' as const, record })),
      { type: 'definition', record: definition },
      ...campaigns.map((record) => ({ type: 'campaign' as const, record })),
      ...plays.map((record) => ({ type: 'play' as const, record })),
      { type: 'feedback', record: feedback },
      ...goals.map((record) => ({ type: 'goal' as const, record })),
      ...leads.map((record) => ({ type: 'lead' as const, record })),
      ...leadFeedback.map((record) => ({ type: 'feedback' as const, record })),
      ...reads.map((record) => ({ type: 'read' as const, record })),
    ],
    contacts,
  };
}

interface DemoLead {
  n: number;
  name: string;
  email: string;
  facts: ContactFacts;
  campaign?: number;
  source: Lead['source'];
  by: 'rep' | 'marketer';
  /** Captured this many hours before now. */
  capturedHoursAgo: number;
  /** Sales' first word on it, this many hours after the capture; none yet when absent. */
  feedback?: { n: number; verdict: Verdict; reasons: FeedbackReason[]; note: string; afterHours: number };
}

/**
 * What the dashboard needs to show every chart: leads captured over the last weeks, Sales'
 * feedback on most of them (with the contact's facts, so the "too small" rejections from the
 * webinar series point to a size criterion), a few waiting, and goals for both teams and
 * joint. None of these contacts is among the demo's recent contacts, and all the feedback is
 * Jordan's own, with no replies, so nothing here is unread for him; the admin and Priya have
 * read these older threads, so the demo's one unread conversation stays the one it was.
 */
function dashboardDemo(now: Date, day: (n: number) => string) {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
  const authors = {
    rep: { memberId: demoIds.rep, name: 'Jordan Lee' },
    marketer: { memberId: demoIds.marketer, name: 'Priya Shah' },
  };
  const webinar = 200;
  const forecasting = 201;
  const people: DemoLead[] = [
    {
      n: 500, name: 'Nina Patel', email: 'nina.patel@tailspintoys.com', campaign: webinar, source: 'manual', by: 'marketer', capturedHoursAgo: 456,
      facts: { title: 'Head of Revenue Operations', seniority: 'Head', department: 'Revenue Operations', company: 'Tailspin Toys', industry: 'Software', employees: 320, country: 'United States' },
      feedback: { n: 600, verdict: 'accept', reasons: [], note: 'Booked the pipeline audit for next week.', afterHours: 3 },
    },
    {
      n: 501, name: 'Owen Gallagher', email: 'owen@lakeshore-bakery.com', campaign: webinar, source: 'manual', by: 'marketer', capturedHoursAgo: 410,
      facts: { title: 'Marketing Coordinator', department: 'Marketing', company: 'Lakeshore Bakery', industry: 'Food and beverage', employees: 12, country: 'Ireland' },
      feedback: { n: 601, verdict: 'reject', reasons: ['too-small'], note: 'A family bakery of 12. Loved the webinar, will not buy.', afterHours: 20 },
    },
    {
      n: 502, name: 'Hana Sato', email: 'hana@pebble-analytics.io', campaign: webinar, source: 'manual', by: 'marketer', capturedHoursAgo: 362,
      facts: { title: 'Founder', seniority: 'C-level', company: 'Pebble Analytics', industry: 'Software', employees: 8, country: 'Japan' },
      feedback: { n: 602, verdict: 'reject', reasons: ['too-small', 'no-budget'], note: 'Eight people and no revenue team until they raise.', afterHours: 30 },
    },
    {
      n: 503, name: 'Grace Okafor', email: 'grace.okafor@juniperstudio.co', campaign: webinar, source: 'manual', by: 'marketer', capturedHoursAgo: 290,
      facts: { title: 'Operations Lead', department: 'Operations', company: 'Juniper Studio', industry: 'Design', employees: 25, country: 'United Kingdom' },
      feedback: { n: 603, verdict: 'reject', reasons: ['too-small'], note: 'Studio of 25; they track deals in a shared sheet and are happy with it.', afterHours: 6 },
    },
    {
      n: 504, name: 'Ivan Petrov', email: 'ivan.petrov@wideworldimporters.com', campaign: webinar, source: 'manual', by: 'marketer', capturedHoursAgo: 220,
      facts: { title: 'Sales Director', seniority: 'Director', department: 'Sales', company: 'Wide World Importers', industry: 'Logistics', employees: 640, country: 'Germany' },
      feedback: { n: 604, verdict: 'accept', reasons: [], note: 'Strong fit: asked for pricing on the call.', afterHours: 2 },
    },
    {
      n: 513, name: 'Felix Wagner', email: 'felix.wagner@fourthcoffee.com', campaign: webinar, source: 'manual', by: 'marketer', capturedHoursAgo: 120,
      facts: { title: 'Head of Sales', seniority: 'Head', department: 'Sales', company: 'Fourth Coffee', industry: 'Food and beverage', employees: 300, country: 'Germany' },
      feedback: { n: 612, verdict: 'reject', reasons: ['no-budget'], note: 'Their budget is spent until the new fiscal year.', afterHours: 12 },
    },
    {
      n: 505, name: 'Chloe Martin', email: 'chloe@littlefox.design', campaign: webinar, source: 'manual', by: 'marketer', capturedHoursAgo: 150,
      facts: { title: 'Marketing Manager', seniority: 'Manager', department: 'Marketing', company: 'Little Fox Design', industry: 'Design', employees: 30, country: 'France' },
      feedback: { n: 605, verdict: 'reject', reasons: ['too-small'], note: 'Thirty people and one marketer: the webinar list needs a size filter.', afterHours: 10 },
    },
    {
      n: 506, name: 'Ben Adler', email: 'ben.adler@blueyonderairlines.com', campaign: webinar, source: 'manual', by: 'marketer', capturedHoursAgo: 80,
      facts: { title: 'Director of Sales', seniority: 'Director', department: 'Sales', company: 'Blue Yonder Airlines', industry: 'Travel', employees: 1500, country: 'United States' },
      feedback: { n: 606, verdict: 'nurture', reasons: [], note: 'Interested, but their RevOps hire starts next quarter. Check back then.', afterHours: 26 },
    },
    {
      n: 507, name: 'Laura Nguyen', email: 'laura.nguyen@cohowinery.com', campaign: webinar, source: 'manual', by: 'marketer', capturedHoursAgo: 50,
      facts: { title: 'VP Marketing', seniority: 'VP', department: 'Marketing', company: 'Coho Winery', industry: 'Food and beverage', employees: 90, country: 'United States' },
    },
    {
      n: 508, name: 'Peter Holm', email: 'peter.holm@adventure-works.com', campaign: forecasting, source: 'crm', by: 'rep', capturedHoursAgo: 200,
      facts: { title: 'Head of Finance', seniority: 'Head', department: 'Finance', company: 'Adventure Works', industry: 'E-commerce', employees: 1200, country: 'Spain' },
      feedback: { n: 607, verdict: 'accept', reasons: [], note: 'Board wants a forecast by the next meeting: demo set up.', afterHours: 4 },
    },
    {
      n: 509, name: 'Maya Lindqvist', email: 'maya.lindqvist@northwind-logistics.com', campaign: forecasting, source: 'crm', by: 'rep', capturedHoursAgo: 96,
      facts: { title: 'Financial Controller', department: 'Finance', company: 'Northwind Logistics', industry: 'Logistics', employees: 400, country: 'Sweden' },
      feedback: { n: 608, verdict: 'reject', reasons: ['no-need'], note: 'They forecast in their ERP and see no need for more.', afterHours: 8 },
    },
    {
      n: 510, name: 'Tomás Herrera', email: 'tomas.herrera@contoso.com', campaign: forecasting, source: 'crm', by: 'rep', capturedHoursAgo: 5,
      facts: { title: 'VP Sales Operations', seniority: 'VP', department: 'Sales', company: 'Contoso', industry: 'Software', employees: 850, country: 'United States' },
    },
    {
      n: 511, name: 'Kit Morgan', email: 'kit.morgan.design@gmail.com', source: 'context-menu', by: 'rep', capturedHoursAgo: 530,
      facts: { title: 'Freelance designer' },
      feedback: { n: 609, verdict: 'reject', reasons: ['student-personal'], note: 'A freelancer on a personal address, not a company.', afterHours: 1 },
    },
    {
      n: 512, name: 'Amara Diallo', email: 'amara.diallo@margiestravel.com', source: 'gmail', by: 'rep', capturedHoursAgo: 30,
      facts: { title: 'Head of Growth', seniority: 'Head', department: 'Marketing', company: "Margie's Travel", industry: 'Travel', employees: 210, country: 'Canada' },
      feedback: { n: 610, verdict: 'accept', reasons: [], note: 'Wrote in after the pricing page; call booked.', afterHours: 3 },
    },
  ];
  const status = (p: DemoLead): Lead['status'] =>
    !p.feedback ? 'mql' : p.feedback.verdict === 'accept' ? 'sal' : p.feedback.verdict === 'reject' ? 'rejected' : 'nurture';

  const leads = people.map((p) =>
    Lead.parse({
      id: id(p.n),
      version: 1,
      deleted: false,
      updatedAt: at(p.capturedHoursAgo),
      name: p.name,
      title: p.facts.title,
      company: p.facts.company,
      email: p.email,
      phones: [],
      source: p.source,
      campaignId: p.campaign === undefined ? undefined : id(p.campaign),
      status: status(p),
      notes: '',
      capturedBy: authors[p.by],
      capturedAt: at(p.capturedHoursAgo),
    }),
  );

  const leadFeedback = people.flatMap((p) => {
    if (!p.feedback) return [];
    const given = at(p.capturedHoursAgo - p.feedback.afterHours);
    return [
      Feedback.parse({
        id: id(p.feedback.n),
        version: 1,
        deleted: false,
        updatedAt: given,
        subject: {
          contactKey: `email:${p.email}`,
          contactName: p.name,
          facts: p.facts,
          leadId: id(p.n),
          ...(p.campaign === undefined ? {} : { campaignId: id(p.campaign) }),
        },
        verdict: p.feedback.verdict,
        reasons: p.feedback.reasons,
        note: p.feedback.note,
        author: authors.rep,
        createdAt: given,
        replies: [],
      }),
    ];
  });

  const goal = (n: number, fields: Omit<Goal, 'id' | 'version' | 'deleted' | 'updatedAt' | 'periodStart' | 'periodEnd'>) =>
    Goal.parse({ id: id(n), version: 1, deleted: false, updatedAt: now.toISOString(), periodStart: day(-30), periodEnd: day(29), ...fields });
  const goals = [
    goal(400, { name: 'Leads captured from campaigns', owner: 'marketing', metric: 'leadsCaptured', target: 20, dependsOn: [] }),
    goal(401, { name: 'Leads accepted by Sales', owner: 'sales', metric: 'leadsAccepted', target: 10, dependsOn: [id(400)] }),
    goal(402, { name: 'First feedback within a day (median hours)', owner: 'joint', metric: 'medianHoursToFirstFeedback', target: 24, dependsOn: [id(400), id(401)] }),
    goal(403, { name: 'Joint pipeline reviews held', owner: 'joint', metric: 'custom', target: 4, dependsOn: [] }),
  ];

  const seen = Object.fromEntries(leadFeedback.map((f) => [f.id, now.toISOString()]));
  const reads = [demoIds.you, demoIds.marketer].map((memberId) =>
    ReadState.parse({ id: memberId, version: 1, deleted: false, updatedAt: now.toISOString(), seen }),
  );

  return { leads, leadFeedback, goals, reads };
}
