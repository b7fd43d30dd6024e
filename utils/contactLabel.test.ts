import { describe, expect, it } from 'vitest';
import { addressBesideName, contactAddress, contactLabel, contactParts } from './contactLabel';

describe('contactAddress', () => {
  it.each([
    ['email:dana@contoso.com', 'dana@contoso.com'],
    ['url:https://acme.lightning.force.com/lightning/r/Contact/003/view', 'https://acme.lightning.force.com/lightning/r/Contact/003/view'],
    [' email:kim@example.com ', 'kim@example.com'],
    // Keys that hold no address a person could use.
    ['lead:00000000-0000-4000-8000-000000000001', undefined],
    ['name:dana whitfield', undefined],
    ['erased', undefined],
    ['email:', undefined],
    ['dana@contoso.com', undefined],
  ])('%s holds %s', (key, address) => {
    expect(contactAddress(key)).toBe(address);
  });
});

describe('contactParts and contactLabel', () => {
  it.each([
    ['a name and an email', { contactKey: 'email:dana@contoso.com', contactName: 'Dana Whitfield' }, 'Dana Whitfield (dana@contoso.com)'],
    ['a name and a record page', { contactKey: 'url:https://crm.example.com/people/zq', contactName: 'Zelda Quimby' }, 'Zelda Quimby (https://crm.example.com/people/zq)'],
    ['an email alone', { contactKey: 'email:kim@example.com' }, 'kim@example.com'],
    ['a name that is the email', { contactKey: 'email:kim@example.com', contactName: 'Kim@Example.com' }, 'Kim@Example.com'],
    ['a name alone, keyed by a captured lead', { contactKey: 'lead:00000000-0000-4000-8000-000000000001', contactName: ' Grace Hopper ' }, 'Grace Hopper'],
    ['neither', { contactKey: 'lead:00000000-0000-4000-8000-000000000001', contactName: '  ' }, 'an unnamed contact'],
  ])('names %s, never the key', (_, subject, label) => {
    expect(contactLabel(subject)).toBe(label);
    expect(contactLabel(subject)).not.toMatch(/^(email|url|lead|name):|\b(email|url|lead):/);
  });

  it('says an unnamed contact in the caller’s words', () => {
    expect(contactLabel({ contactKey: 'erased' }, 'a contact')).toBe('a contact');
  });

  it('gives the name and the address apart, each when known', () => {
    expect(contactParts({ contactKey: 'email:dana@contoso.com', contactName: 'Dana Whitfield' })).toEqual({ name: 'Dana Whitfield', address: 'dana@contoso.com' });
    expect(contactParts({ contactKey: 'lead:1', contactName: '' })).toEqual({ name: undefined, address: undefined });
    expect(addressBesideName('Dana Whitfield', 'dana@contoso.com')).toBe(true);
    expect(addressBesideName('dana@contoso.com', 'Dana@Contoso.com')).toBe(false);
    expect(addressBesideName('Dana Whitfield', undefined)).toBe(false);
    expect(addressBesideName(undefined, 'dana@contoso.com')).toBe(false);
  });
});
