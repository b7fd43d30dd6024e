import { describe, expect, it } from 'vitest';
import { describeChange } from './SyncBar';

describe('describeChange', () => {
  it.each([
    [{ contactKey: 'email:dana@contoso.com', contactName: 'Dana Whitfield' }, 'your feedback on Dana Whitfield (dana@contoso.com)'],
    [{ contactKey: 'url:https://crm.example.com/people/zq' }, 'your feedback on https://crm.example.com/people/zq'],
    [{ contactKey: 'lead:00000000-0000-4000-8000-000000000001' }, 'your feedback on a contact'],
    [{ contactKey: 42, contactName: null }, 'your feedback on a contact'],
  ])('names the person and the address of refused feedback, never the contact key', (subject, words) => {
    expect(describeChange({ name: 'feedback.create', args: { subject } })).toBe(words);
  });
});
