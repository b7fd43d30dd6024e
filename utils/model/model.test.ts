import { campaignPut } from '../mutators/documents';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Asset, Campaign, ContactContext, contactKey, Criterion, HttpUrl } from './index';

const criterionInput = (op: string, value: unknown, field = 'employees') => ({
  id: crypto.randomUUID(),
  label: 'A criterion',
  field,
  op,
  value,
});

function campaignInput(overrides: Partial<z.input<typeof Campaign>> = {}): z.input<typeof Campaign> {
  return {
    id: crypto.randomUUID(),
    version: 1,
    updatedAt: '2025-01-01T00:00:00.000Z',
    name: 'Spring launch',
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
  };
}

/** The issues of a failed parse, as `path: message`. */
function problems(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('Criterion', () => {
  it.each<[string, string, unknown, string]>([
    ['between with the bounds the wrong way round', 'between', [10, 5], 'Give a lower and an upper number, lower first.'],
    ['between with one number', 'between', [10], 'Give a lower and an upper number, lower first.'],
    ['between with text', 'between', ['10', '50'], 'Give a lower and an upper number, lower first.'],
    ['matches with an invalid pattern', 'matches', '(unclosed', 'This is not a valid pattern.'],
    ['matches with a lone bracket', 'matches', '[a-', 'This is not a valid pattern.'],
    ['matches with no pattern', 'matches', '', 'Give a pattern.'],
    ['in with an empty list', 'in', [], 'List at least one value.'],
    ['notIn with an empty list', 'notIn', [], 'List at least one value.'],
    ['in with a single value instead of a list', 'in', 'Germany', 'List at least one value.'],
    ['atLeast with text', 'atLeast', '50', 'Give a number.'],
    ['atMost with nothing', 'atMost', null, 'Give a number.'],
    ['equals with an empty value', 'equals', '', 'Give a value.'],
    ['contains with a list', 'contains', ['a', 'b'], 'Give one value.'],
  ])('rejects %s', (_, op, value, message) => {
    expect(problems(Criterion.safeParse(criterionInput(op, value)))).toEqual([`value: ${message}`]);
  });

  it.each<[string, string, unknown]>([
    ['between with equal bounds', 'between', [10, 10]],
    ['between lower first', 'between', [5, 10]],
    ['matches with a valid pattern', 'matches', '^(vp|director)\\b'],
    ['in with one value', 'in', ['Germany']],
    ['exists with no value', 'exists', null],
    ['atLeast with zero', 'atLeast', 0],
  ])('accepts %s', (_, op, value) => {
    expect(Criterion.safeParse(criterionInput(op, value)).success).toBe(true);
  });

  it('gives a weight of 10 when none is given, and keeps weights within 0 to 100', () => {
    expect(Criterion.parse(criterionInput('exists', null)).weight).toBe(10);
    expect(Criterion.safeParse({ ...criterionInput('exists', null), weight: 101 }).success).toBe(false);
    expect(Criterion.safeParse({ ...criterionInput('exists', null), weight: -1 }).success).toBe(false);
    expect(Criterion.safeParse({ ...criterionInput('exists', null), weight: 2.5 }).success).toBe(false);
  });

  it.each([
    ['custom:plan', true],
    ['custom:utm_campaign', true],
    ['emailDomain', true],
    ['custom:', false],
    ['custom:has space', false],
    ['plan', false],
    ['Email', false],
  ])('field %s is accepted: %s', (field, ok) => {
    expect(Criterion.safeParse(criterionInput('exists', null, field)).success).toBe(ok);
  });

  it('rejects an id that is not a UUID and an empty label', () => {
    expect(Criterion.safeParse({ ...criterionInput('exists', null), id: '42' }).success).toBe(false);
    expect(Criterion.safeParse({ ...criterionInput('exists', null), label: '   ' }).success).toBe(false);
  });
});

describe('HttpUrl', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/png;base64,iVBORw0KGgo=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/file',
    'mailto:dana@example.com',
    '//example.com/no-scheme',
    'not a url',
    '',
  ])('rejects %j', (url) => {
    expect(HttpUrl.safeParse(url).success).toBe(false);
  });

  it.each(['https://example.com', 'http://example.com/a?b=c#d', 'HTTPS://Example.com/Deck.pdf'])('accepts %s', (url) => {
    expect(HttpUrl.safeParse(url).success).toBe(true);
  });

  it('keeps a javascript: link out of a campaign asset', () => {
    expect(Asset.safeParse({ label: 'Deck', url: 'javascript:alert(1)' }).success).toBe(false);
    const result = Campaign.safeParse(campaignInput({ assets: [{ label: 'Deck', url: 'data:text/html,hi' }] }));
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['assets', 0, 'url']);
  });

  it('rejects a javascript: record URL on a contact', () => {
    expect(ContactContext.safeParse({ source: 'generic', recordUrl: 'javascript:alert(1)' }).success).toBe(false);
  });
});

describe('contactKey', () => {
  it.each<[string, Parameters<typeof contactKey>[0], string | undefined]>([
    ['lower-cases the email', { email: 'Dana.Lee@Acme.COM' }, 'email:dana.lee@acme.com'],
    ['trims the email', { email: '  dana@acme.com ' }, 'email:dana@acme.com'],
    ['keeps plus tags and dots', { email: 'Dana.Lee+crm@acme.com' }, 'email:dana.lee+crm@acme.com'],
    [
      'prefers the email over the record URL',
      { email: 'dana@acme.com', recordUrl: 'https://crm.example.com/contacts/42' },
      'email:dana@acme.com',
    ],
    ['uses the record URL without email', { recordUrl: 'https://crm.example.com/contacts/42' }, 'url:https://crm.example.com/contacts/42'],
    [
      'drops the query and fragment',
      { recordUrl: 'https://crm.example.com/contacts/42?tab=notes&x=1#activity' },
      'url:https://crm.example.com/contacts/42',
    ],
    ['drops a trailing slash', { recordUrl: 'https://crm.example.com/contacts/42/' }, 'url:https://crm.example.com/contacts/42'],
    [
      'drops trailing slashes before a query',
      { recordUrl: 'https://crm.example.com/contacts/42//?tab=notes' },
      'url:https://crm.example.com/contacts/42',
    ],
    ['lower-cases the host', { recordUrl: 'https://CRM.Example.com/contacts/42' }, 'url:https://crm.example.com/contacts/42'],
    ['gives nothing without email or URL', {}, undefined],
  ])('%s', (_, contact, key) => {
    expect(contactKey(contact)).toBe(key);
  });

  it('gives the same key for the same CRM record seen on different tabs', () => {
    const a = contactKey({ recordUrl: 'https://crm.example.com/lightning/r/Contact/003/view?ws=1' });
    const b = contactKey({ recordUrl: 'https://crm.example.com/lightning/r/Contact/003/view/#details' });
    expect(a).toBe(b);
  });
});

describe('Campaign', () => {
  it.each([
    ['Example.COM ', 'example.com'],
    ['  sub.Example.co.uk', 'sub.example.co.uk'],
    ['acme-corp.io', 'acme-corp.io'],
  ])('normalises the target account %j to %s', (input, domain) => {
    expect(Campaign.parse(campaignInput({ targetAccounts: [input] })).targetAccounts).toEqual([domain]);
  });

  it.each(['not a domain', 'example', 'https://example.com', 'dana@example.com', '-example.com', 'example..com', ''])(
    'rejects the target account %j, saying how to write one',
    (input) => {
      expect(problems(Campaign.safeParse(campaignInput({ targetAccounts: ['acme.com', input] })))).toEqual([
        'targetAccounts.1: Write a domain like example.com',
      ]);
    },
  );

  it('rejects dates that are not YYYY-MM-DD', () => {
    expect(Campaign.safeParse(campaignInput({ startsOn: '03/01/2025' })).success).toBe(false);
    expect(Campaign.safeParse(campaignInput({ endsOn: '2025-02-30' })).success).toBe(false);
  });

  it('trims the UTM tag and is not deleted by default', () => {
    const campaign = Campaign.parse(campaignInput({ utmCampaign: ' spring-launch ' }));
    expect(campaign.utmCampaign).toBe('spring-launch');
    expect(campaign.deleted).toBe(false);
  });

  it('rejects an invalid audience criterion, pointing at it', () => {
    const result = Campaign.safeParse(
      campaignInput({ audience: [criterionInput('between', [1000, 10]) as z.input<typeof Criterion>] }),
    );
    expect(problems(result)).toEqual(['audience.0.value: Give a lower and an upper number, lower first.']);
  });

  it('refuses an edit whose campaign ends before it starts, on the end date', () => {
    const { version: _v, deleted: _d, updatedAt: _u, ...doc } = campaignInput({ startsOn: '2025-03-31', endsOn: '2025-03-01' });
    const result = campaignPut.args.safeParse({ doc, baseVersion: 0 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['doc', 'endsOn'], message: 'The end date is before the start date.' });
  });

  it('accepts a one-day campaign', () => {
    expect(Campaign.safeParse(campaignInput({ startsOn: '2025-03-01', endsOn: '2025-03-01' })).success).toBe(true);
  });
});
