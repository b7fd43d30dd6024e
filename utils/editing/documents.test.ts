import { describe, expect, it } from 'vitest';
import { demoWorkspace } from '../demo';
import type { Campaign, Goal, RecentContact, SalesPlay } from '../model';
import { newCriterionRow } from './criteria';
import {
  campaignFormFrom,
  checkCampaign,
  checkGoal,
  checkPlay,
  dependencyCycle,
  domainLines,
  goalFormFrom,
  newCampaignForm,
  newGoalForm,
  newPlayForm,
  playFormFrom,
  previewCampaign,
} from './documents';

const now = new Date('2026-11-27T12:00:00Z');
const demo = demoWorkspace(now);
const campaigns = demo.records.filter((r) => r.type === 'campaign').map((r) => r.record as Campaign);
const plays = demo.records.filter((r) => r.type === 'play').map((r) => r.record as SalesPlay);
const contacts: RecentContact[] = demo.contacts.map((contact, i) => ({ key: `k${i}`, contact: { custom: {}, facts: {}, ...contact }, seenAt: now.toISOString() }));
const withoutServerFields = <T extends { version: number; deleted: boolean; updatedAt: string }>({ version: _v, deleted: _d, updatedAt: _u, ...doc }: T) => doc;

describe('campaigns', () => {
  it.each(campaigns.map((c) => [c.name, c] as const))('round-trips the demo campaign “%s” into campaign.put args', (_name, campaign) => {
    const { args, problems } = checkCampaign({ baseVersion: campaign.version, form: campaignFormFrom(campaign) });
    expect(problems).toEqual({ fields: {}, other: [] });
    expect(args).toEqual({ doc: withoutServerFields(campaign), baseVersion: campaign.version });
  });

  it('asks for a name and a product in a new campaign, and starts it as a draft today', () => {
    const form = newCampaignForm('Priya Shah', '2026-11-27');
    expect(form).toMatchObject({ status: 'draft', startsOn: '2026-11-27', owner: 'Priya Shah' });
    const { args, problems } = checkCampaign({ baseVersion: 0, form });
    expect(args).toBeUndefined();
    expect(problems.fields).toEqual({ name: 'Fill this in.', product: 'Fill this in.' });
  });

  it('puts problems beside dates, domains, links and audience rules', () => {
    const form = { ...campaignFormFrom(campaigns[0]!), endsOn: '2000-01-01', targetAccounts: 'contoso.com\n\nnot_a domain!\n', utmCampaign: ' ' };
    form.assets = [...form.assets, { key: 'x', label: 'Slides', url: 'javascript:alert(1)' }];
    form.talkingPoints = [...form.talkingPoints, { key: 'y', text: 'x'.repeat(5001) }];
    form.audience = [...form.audience, { ...newCriterionRow(), label: 'Big', field: 'employees', op: 'atLeast', text: 'lots' }];
    const { args, problems } = checkCampaign({ baseVersion: 1, form });
    expect(args).toBeUndefined();
    expect(problems.fields).toEqual({
      endsOn: 'The end date is before the start date.',
      targetAccounts: '“not_a domain!”: Write a domain like example.com',
      'assets.2.url': 'Give a link that starts with http:// or https://.',
      'talkingPoints.3': 'Use at most 5000 characters.',
      'audience.1.value': 'Give a number.',
    });
  });

  it('reads target accounts one per line, lower-cased, blanks dropped', () => {
    expect(domainLines(' Contoso.com \n\n fabrikam.com,litware.com; ')).toEqual(['Contoso.com', 'fabrikam.com', 'litware.com']);
    const form = { ...newCampaignForm('P', '2026-11-27'), name: 'N', product: 'P', targetAccounts: 'Contoso.COM\n' };
    expect(checkCampaign({ baseVersion: 0, form }).args?.doc.targetAccounts).toEqual(['contoso.com']);
  });

  it('previews who it reaches, with the reason, whatever its dates', () => {
    const named = campaignFormFrom(campaigns[1]!); // target accounts contoso.com, adventure-works.com, ...
    // Only the accounts it names are targeted (campaignsForContact also calls a campaign with no audience rules "aimed at every contact").
    const targeted = previewCampaign(named, contacts).filter((r) => r.reasons.some((why) => why.startsWith('Targets')));
    expect(targeted.map((r) => [r.name, r.reasons])).toEqual([
      ['Dana Whitfield', ['Targets the account contoso.com.']],
      ['Sofia Martínez', ['Targets the account adventure-works.com.']],
    ]);
    const ended = { ...campaignFormFrom(campaigns[2]!), status: 'ended' as const, endsOn: '2001-01-01' }; // fintech or banking
    expect(previewCampaign(ended, contacts).map((r) => [r.name, r.reasons])).toEqual([
      ['Aisha Khan', ['In the audience: Fintech or banking.']],
      ['Li Wei', ['May be in the audience: Industry is not known for this contact.']],
    ]);
    const everyone = { ...newCampaignForm('P', '2026-11-27'), audience: [{ ...newCriterionRow(), label: 'half-typed' }] };
    expect(previewCampaign(everyone, contacts)).toHaveLength(contacts.length);
  });
});

describe('sales plays', () => {
  it.each(plays.map((p) => [p.name, p] as const))('round-trips the demo play “%s”', (_name, play) => {
    expect(checkPlay({ baseVersion: 1, form: playFormFrom(play) }).args).toEqual({ doc: withoutServerFields(play), baseVersion: 1 });
  });

  it('says what is missing, and an end before the start even while other fields have problems', () => {
    const form = { ...newPlayForm('Jordan Lee', '2026-11-27'), endsOn: '2026-11-01' };
    expect(checkPlay({ baseVersion: 0, form }).problems.fields).toEqual({
      name: 'Fill this in.',
      product: 'Fill this in.',
      endsOn: 'The end date is before the start date.',
    });
    expect(checkPlay({ baseVersion: 0, form: { ...form, startsOn: '' } }).problems.fields.startsOn).toBe('Give a date (YYYY-MM-DD).');
  });
});

describe('goals', () => {
  const goal = (id: string, name: string, dependsOn: string[] = []): Goal => ({
    id, name, dependsOn, owner: 'marketing', metric: 'leadsCaptured', target: 100, periodStart: '2026-10-01', periodEnd: '2026-12-31',
    version: 1, deleted: false, updatedAt: now.toISOString(),
  });
  const a = goal(crypto.randomUUID(), 'MQLs');
  const b = goal(crypto.randomUUID(), 'SQLs', [a.id]);
  const c = goal(crypto.randomUUID(), 'Revenue', [b.id]);

  it('round-trips a goal', () => {
    expect(checkGoal({ baseVersion: 1, form: goalFormFrom(c) }, [a, b, c]).args).toEqual({ doc: withoutServerFields(c), baseVersion: 1 });
  });

  it('checks the target, the period and a new goal', () => {
    const form = { ...newGoalForm('2026-11-27'), name: 'Leads', target: '-5', periodEnd: '2026-11-01' };
    expect(checkGoal({ baseVersion: 0, form }).problems.fields).toEqual({ target: 'Give 0 or more.', periodEnd: 'The period ends before it starts.' });
    expect(checkGoal({ baseVersion: 0, form: { ...form, target: '', periodEnd: '' } }).problems.fields).toEqual({
      target: 'Give a number.',
      periodEnd: 'Give a date (YYYY-MM-DD).',
    });
  });

  it('finds a loop of dependencies and names it', () => {
    expect(dependencyCycle([a, b, c], a.id, [c.id])).toEqual([a.id, c.id, b.id, a.id]);
    expect(dependencyCycle([a, b, c], c.id, [a.id, b.id])).toBeUndefined();
    const looped = checkGoal({ baseVersion: 1, form: { ...goalFormFrom(a), dependsOn: [c.id] } }, [a, b, c]);
    expect(looped.args).toBeUndefined();
    expect(looped.problems.fields.dependsOn).toBe('This would make goals depend on each other in a loop: MQLs → Revenue → SQLs → MQLs.');
    expect(checkGoal({ baseVersion: 1, form: { ...goalFormFrom(a), dependsOn: [a.id] } }, [a]).problems.fields.dependsOn).toBe(
      'A goal cannot depend on itself.',
    );
  });
});
