import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { campaignsForContact, campaignTiming, localToday, type CampaignTiming } from './campaigns';
import { Campaign, ContactContext, Criterion, type ContactContext as ContactInput, type CriterionOp } from './model';

const today = '2025-03-15';

function criterion(field: string, op: CriterionOp, value: unknown, label = `${field} ${op}`) {
  return Criterion.parse({ id: crypto.randomUUID(), label, field, op, value });
}

/** A running campaign aimed at everyone, unless told otherwise. Built through the schema. */
function campaign(overrides: Partial<z.input<typeof Campaign>> = {}): Campaign {
  return Campaign.parse({
    id: crypto.randomUUID(),
    version: 1,
    updatedAt: '2025-01-01T00:00:00.000Z',
    name: 'Campaign',
    product: 'Tandem',
    status: 'active',
    startsOn: '2025-03-01',
    endsOn: '2025-03-31',
    audience: [],
    targetAccounts: [],
    talkingPoints: [],
    assets: [],
    owner: 'marketing@example.com',
    ...overrides,
  });
}

function contact(input: Partial<ContactInput> = {}) {
  return ContactContext.parse({ source: 'gmail', ...input });
}

const dana = contact({
  email: 'dana@EU.Acme.com',
  title: 'VP Marketing',
  country: 'Germany',
  employees: 1200,
});

const names = (campaigns: Campaign[], who = dana) => campaignsForContact(campaigns, who, today).map((m) => m.campaign.name);

const inGermany = () => [criterion('country', 'equals', 'Germany', 'Based in Germany')];
const inFrance = () => [criterion('country', 'equals', 'France', 'Based in France')];

describe('campaignsForContact: ranking', () => {
  it('puts running before upcoming before ended, whatever the order given', () => {
    const campaigns = [
      campaign({ name: 'Ended', status: 'ended', targetAccounts: ['acme.com'] }),
      campaign({ name: 'Upcoming', startsOn: '2025-04-01', endsOn: '2025-04-30' }),
      campaign({ name: 'Running', audience: inGermany() }),
    ];
    const matches = campaignsForContact(campaigns, dana, today);
    expect(matches.map((m) => [m.campaign.name, m.timing])).toEqual([
      ['Running', 'running'],
      ['Upcoming', 'upcoming'],
      ['Ended', 'ended'],
    ]);
  });

  it('puts a weak running match before a strong upcoming one', () => {
    expect(
      names([
        campaign({ name: 'Upcoming, targets Acme', startsOn: '2025-04-01', endsOn: undefined, targetAccounts: ['acme.com'] }),
        campaign({ name: 'Running, for everyone' }),
      ]),
    ).toEqual(['Running, for everyone', 'Upcoming, targets Acme']);
  });

  it.each<[string, Partial<z.input<typeof Campaign>>, Partial<z.input<typeof Campaign>>]>([
    ['a target account beats a full audience match', { targetAccounts: ['acme.com'] }, { audience: inGermany() }],
    ['a target account beats being aimed at everyone', { targetAccounts: ['acme.com'] }, {}],
    ['a UTM tag beats a full audience match', { utmCampaign: 'spring' }, { audience: inGermany() }],
    [
      'a full audience match beats one with unknowns',
      { audience: inGermany() },
      { audience: [...inGermany(), criterion('industry', 'equals', 'Software')] },
    ],
    ['an audience match with unknowns beats being aimed at everyone', { audience: [criterion('industry', 'exists', null)] }, {}],
  ])('%s', (_, strong, weak) => {
    const who = contact({ ...dana, custom: { utm_campaign: 'spring' } });
    // Named so that alphabetical order would put the weaker one first.
    const campaigns = [campaign({ name: 'A weaker', ...weak }), campaign({ name: 'B stronger', ...strong })];
    expect(names(campaigns, who)).toEqual(['B stronger', 'A weaker']);
  });

  it('breaks ties by name', () => {
    expect(names([campaign({ name: 'Beta' }), campaign({ name: 'alpha' }), campaign({ name: 'Gamma' })])).toEqual([
      'alpha',
      'Beta',
      'Gamma',
    ]);
  });
});

describe('campaignsForContact: target accounts', () => {
  it.each<[string, string, string[], string | null]>([
    ['the same domain', 'dana@acme.com', ['acme.com'], 'Targets the account acme.com.'],
    ['a subdomain of a target account', 'dana@eu.acme.com', ['acme.com'], 'Targets the account acme.com.'],
    ['a target account written in capitals', 'dana@acme.com', ['ACME.com '], 'Targets the account acme.com.'],
    ['the email domain in capitals', 'dana@ACME.COM', ['acme.com'], 'Targets the account acme.com.'],
    ['a domain that only ends the same way', 'dana@notacme.com', ['acme.com'], null],
    ['the parent of a target subdomain', 'dana@acme.com', ['eu.acme.com'], null],
  ])('%s', (_, email, targetAccounts, reason) => {
    // The audience fails, so only the account can bring the campaign in.
    const matches = campaignsForContact(
      [campaign({ name: 'ABM', targetAccounts, audience: inFrance() })],
      contact({ email, country: 'Germany' }),
      today,
    );
    if (reason === null) expect(matches).toEqual([]);
    else expect(matches.map((m) => m.reasons[0])).toEqual([reason]);
  });

  it('does not match a target account when there is no email', () => {
    expect(names([campaign({ targetAccounts: ['acme.com'], audience: inFrance() })], contact({ country: 'Germany' }))).toEqual(
      [],
    );
  });
});

describe('campaignsForContact: what is left out', () => {
  it.each<[string, Partial<z.input<typeof Campaign>>]>([
    ['a draft', { status: 'draft' }],
    ['a draft that targets the account', { status: 'draft', targetAccounts: ['acme.com'] }],
    ['a deleted campaign', { deleted: true }],
    ['a deleted campaign that targets the account', { deleted: true, targetAccounts: ['acme.com'] }],
    ['an audience with a failed criterion', { audience: inFrance() }],
    [
      'an audience with one passed and one failed criterion',
      { audience: [...inGermany(), criterion('employees', 'atMost', 50)] },
    ],
    ['an audience with one unknown and one failed criterion', { audience: [...inFrance(), criterion('industry', 'exists', null)] }],
    ['a UTM tag the contact did not come in through, with a failed audience', { utmCampaign: 'autumn', audience: inFrance() }],
  ])('%s', (_, overrides) => {
    const who = contact({ ...dana, custom: { utm_campaign: 'spring' } });
    expect(campaignsForContact([campaign(overrides)], who, today)).toEqual([]);
  });
});

describe('campaignsForContact: audience', () => {
  it('matches fully when every audience criterion passes, naming them', () => {
    const [match] = campaignsForContact(
      [campaign({ audience: [...inGermany(), criterion('employees', 'atLeast', 200, '200+ employees')] })],
      dana,
      today,
    );
    expect(match!.reasons).toEqual(['In the audience: Based in Germany; 200+ employees.']);
    expect(match!.audience.map((r) => r.outcome)).toEqual(['pass', 'pass']);
  });

  it.each<[string, Criterion[], string[]]>([
    ['one unknown field', [...inGermany(), criterion('industry', 'equals', 'Software')], ['Industry']],
    [
      'two unknown fields',
      [criterion('industry', 'equals', 'Software'), criterion('custom:plan', 'in', ['Team', 'Enterprise'])],
      ['Industry', 'plan'],
    ],
    ['a value that is not a number', [criterion('custom:seats', 'atLeast', 10)], ['seats', 'not a number']],
  ])('matches weakly with %s, saying which', (_, audience, words) => {
    const who = contact({ ...dana, custom: { seats: 'many' } });
    const matches = campaignsForContact([campaign({ audience })], who, today);
    expect(matches).toHaveLength(1);
    const [reason] = matches[0]!.reasons;
    expect(reason).toMatch(/^May be in the audience: /);
    for (const word of words) expect(reason).toContain(word);
    expect(matches[0]!.score).toBeGreaterThan(0);
  });

  it('matches weakly when a stored audience pattern cannot run on RE2, saying so in words', () => {
    // Saved before patterns ran on RE2, which has no look-ahead: the campaign still reads.
    const stored = campaign({ audience: [...inGermany(), criterion('title', 'matches', '^(?!assistant).*marketing', 'Marketing, not an assistant')] });
    const [match] = campaignsForContact([stored], dana, today);
    expect(match!.reasons).toEqual(['May be in the audience: Title cannot be checked: the pattern behind “Marketing, not an assistant” is not valid.']);
  });

  it('matches a pattern in the audience quickly, however it nests', () => {
    const nested = campaign({ audience: [criterion('title', 'matches', '^(\\w+\\s?)+$', 'Words only')] });
    const start = performance.now();
    expect(campaignsForContact([nested], contact({ ...dana, title: 'SeniorVicePresidentGlobalSale.' }), today)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(200);
  });

  it('gives the weak reason in words', () => {
    const [match] = campaignsForContact([campaign({ audience: [criterion('industry', 'equals', 'Software')] })], dana, today);
    expect(match!.reasons).toEqual(['May be in the audience: Industry is not known for this contact.']);
  });

  it.each([
    ['a contact with an email', dana],
    ['a contact with nothing known', contact()],
  ])('an empty audience matches %s', (_, who) => {
    const matches = campaignsForContact([campaign({ name: 'Everyone' })], who, today);
    expect(matches.map((m) => [m.campaign.name, m.reasons])).toEqual([['Everyone', ['Aimed at every contact.']]]);
  });

  it('leaves out a campaign that names only accounts the contact is not in', () => {
    const named = campaign({ name: 'Named accounts', targetAccounts: ['fabrikam.com'] });
    expect(campaignsForContact([named], dana, today)).toEqual([]);
    expect(campaignsForContact([named], contact(), today)).toEqual([]);
    expect(campaignsForContact([named], contact({ email: 'marco@fabrikam.com' }), today).map((m) => m.reasons)).toEqual([['Targets the account fabrikam.com.']]);
  });
});

describe('campaignsForContact: ended campaigns', () => {
  it.each<[string, Partial<z.input<typeof Campaign>>, boolean]>([
    ['marked ended, targeted the account', { status: 'ended', targetAccounts: ['acme.com'] }, true],
    ['past its end date, targeted the account', { endsOn: '2025-03-14', targetAccounts: ['acme.com'] }, true],
    ['marked ended, audience matched', { status: 'ended', audience: inGermany() }, false],
    ['marked ended, aimed at everyone', { status: 'ended' }, false],
    ['past its end date, audience matched', { endsOn: '2025-03-14', audience: inGermany() }, false],
    ['past its end date, aimed at everyone', { endsOn: '2025-03-14' }, false],
  ])('%s: kept = %s', (_, overrides, kept) => {
    const matches = campaignsForContact([campaign(overrides)], dana, today);
    expect(matches.map((m) => m.timing)).toEqual(kept ? ['ended'] : []);
  });
});

describe('campaignsForContact: utm_campaign', () => {
  it.each<[string, string | number | undefined, string | undefined, boolean]>([
    ['same tag', 'spring-launch', 'spring-launch', true],
    ['different case', 'SPRING-Launch', 'spring-LAUNCH', true],
    ['a different tag', 'autumn', 'spring-launch', false],
    ['no tag on the contact', undefined, 'spring-launch', false],
    ['no tag on the campaign', 'spring-launch', undefined, false],
    ['a blank tag on the campaign', 'spring-launch', '  ', false],
  ])('%s', (_, utm, utmCampaign, matched) => {
    const who = contact({ ...dana, custom: utm === undefined ? {} : { utm_campaign: utm } });
    const [match] = campaignsForContact([campaign({ utmCampaign, audience: inGermany() })], who, today);
    const utmReason = match!.reasons.find((r) => r.includes('utm_campaign'));
    if (matched) expect(utmReason).toBe(`The contact came in through utm_campaign=${utmCampaign!.trim()}.`);
    else expect(utmReason).toBeUndefined();
  });
});

describe('campaignTiming', () => {
  it.each<[string, Partial<z.input<typeof Campaign>>, CampaignTiming]>([
    ['started earlier, ends later', { startsOn: '2025-03-01', endsOn: '2025-03-31' }, 'running'],
    ['starts today', { startsOn: today, endsOn: '2025-03-31' }, 'running'],
    ['ends today', { startsOn: '2025-03-01', endsOn: today }, 'running'],
    ['starts and ends today', { startsOn: today, endsOn: today }, 'running'],
    ['has no end date', { startsOn: '2024-01-01', endsOn: undefined }, 'running'],
    ['starts tomorrow', { startsOn: '2025-03-16', endsOn: '2025-03-31' }, 'upcoming'],
    ['starts tomorrow, no end date', { startsOn: '2025-03-16', endsOn: undefined }, 'upcoming'],
    ['ended yesterday', { startsOn: '2025-03-01', endsOn: '2025-03-14' }, 'ended'],
    ['marked ended before its end date', { status: 'ended', startsOn: '2025-03-01', endsOn: '2025-03-31' }, 'ended'],
    ['marked ended before it started', { status: 'ended', startsOn: '2025-04-01', endsOn: '2025-04-30' }, 'ended'],
    ['ended at the turn of the year', { startsOn: '2024-12-01', endsOn: '2025-01-01' }, 'ended'],
  ])('a campaign that %s is %s', (_, overrides, timing) => {
    expect(campaignTiming(campaign(overrides), today)).toBe(timing);
  });
});

describe('localToday', () => {
  it.each<[string, Date, string]>([
    ['pads month and day', new Date(2025, 0, 5, 12, 0), '2025-01-05'],
    ['is the local date just after midnight', new Date(2025, 2, 15, 0, 0, 1), '2025-03-15'],
    ['is the local date just before midnight', new Date(2025, 11, 31, 23, 59, 59), '2025-12-31'],
    ['knows leap days', new Date(2024, 1, 29, 9, 30), '2024-02-29'],
  ])('%s', (_, now, expected) => {
    expect(localToday(now)).toBe(expected);
  });

  it('defaults to now, as YYYY-MM-DD', () => {
    const now = new Date();
    const result = localToday();
    expect(result).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result).toBe(localToday(now));
  });

  it('compares correctly with campaign dates', () => {
    const running = campaign({ startsOn: '2025-03-15', endsOn: '2025-03-15' });
    expect(campaignTiming(running, localToday(new Date(2025, 2, 15, 23, 59)))).toBe('running');
    expect(campaignTiming(running, localToday(new Date(2025, 2, 16, 0, 0)))).toBe('ended');
  });
});
