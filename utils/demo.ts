import {
  Campaign,
  type ContactContext,
  Criterion,
  Feedback,
  LeadDefinition,
  Member,
  SalesPlay,
  type AnyRecord,
  type RecordType,
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

function criterion(n: number, label: string, field: string, op: string, value: unknown, weight = 10): Criterion {
  return Criterion.parse({ id: id(100 + n), label, field, op, value, weight });
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
      criterion(5, 'In a region we sell to', 'country', 'in', ['United States', 'Canada', 'United Kingdom', 'Germany', 'France', 'Netherlands'], 10),
      criterion(6, 'Business email', 'emailDomain', 'notIn', ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com'], 10),
      criterion(7, 'Title names a buying role', 'title', 'matches', '\\b(head|director|vp|vice president|chief|manager)\\b', 10),
      criterion(8, 'Came in through a high-intent channel', 'custom:lead_source', 'in', ['Demo request', 'Webinar', 'Pricing page'], 10),
    ],
    disqualifiers: [
      criterion(20, 'Student or academic email', 'email', 'matches', '\\.(edu|ac\\.[a-z]{2})$', 0),
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
      country: 'United States', custom: { lead_source: 'Webinar', utm_campaign: 'revops-webinar' },
    },
    {
      source: 'demo', name: 'Aisha Khan', email: 'aisha.khan@litware.com', title: 'Head of Sales', seniority: 'Head',
      department: 'Sales', company: 'Litware', industry: 'Fintech', employees: 220, country: 'United Kingdom',
      custom: { lead_source: 'Demo request' },
    },
    {
      source: 'demo', name: 'Sofia Martínez', email: 'sofia.martinez@adventure-works.com', title: 'Director of Operations',
      seniority: 'Director', department: 'Operations', company: 'Adventure Works', industry: 'E-commerce',
      employees: 1200, country: 'Spain', custom: {},
    },
    {
      source: 'demo', name: 'Marco Rossi', email: 'marco.rossi@fabrikam.com', title: 'Marketing Manager',
      seniority: 'Manager', department: 'Marketing', company: 'Fabrikam', industry: 'Manufacturing', employees: 45,
      country: 'Italy', custom: {},
    },
    {
      source: 'demo', name: 'Tom Becker', email: 'tom.becker@westbrook.edu', title: 'Graduate student',
      company: 'Westbrook University', industry: 'Education', country: 'United States', custom: {},
    },
    { source: 'demo', name: 'Li Wei', email: 'li.wei@gmail.com', custom: {} },
  ];

  return {
    records: [
      ...members.map((record) => ({ type: 'member' as const, record })),
      { type: 'definition', record: definition },
      ...campaigns.map((record) => ({ type: 'campaign' as const, record })),
      ...plays.map((record) => ({ type: 'play' as const, record })),
      { type: 'feedback', record: feedback },
    ],
    contacts,
  };
}
