import { describe, expect, it } from 'vitest';
import { confirmation, guardInPageWrite, tracksVisibility } from './writeGuard';

// Node has no IntersectionObserver v2: these are the Firefox path, where a write from the
// in-page frame waits for the person's yes in the browser's own dialog.
describe('guardInPageWrite without IntersectionObserver v2', () => {
  it('asks before a write a blind click could trigger, naming what will be sent', () => {
    expect(tracksVisibility()).toBe(false);
    const asked: string[] = [];
    const yes = (q: string) => (asked.push(q), true);
    guardInPageWrite('feedback.create', { verdict: 'reject', subject: { contactName: 'Dana Whitfield' } }, yes);
    guardInPageWrite('fact.put', { learned: 'person', facts: [{ field: 'employees', value: 120 }] }, yes);
    guardInPageWrite('lead.delete', { id: 'x' }, yes);
    expect(asked).toEqual(['Tandem: send your feedback (reject) about Dana Whitfield to Marketing?', 'Tandem: save employees “120” for the whole team?', 'Tandem: delete this lead?']);
  });

  it('sends nothing when the person says no', () => {
    expect(() => guardInPageWrite('feedback.reply', { body: 'ok' }, () => false)).toThrow('Nothing was sent.');
  });

  it('lets marking threads read and remembering what the page shows through without asking', () => {
    const never = () => {
      throw new Error('asked');
    };
    expect(() => guardInPageWrite('feedback.read', {}, never)).not.toThrow();
    expect(() => guardInPageWrite('fact.put', { learned: 'page', facts: [] }, never)).not.toThrow();
  });

  it('says something sensible for a change it has no words for', () => {
    expect(confirmation('goal.put', {})).toBe('Tandem: save this change?');
  });
});
