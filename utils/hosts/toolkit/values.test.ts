import { describe, expect, it } from 'vitest';
import {
  asDomain,
  asEmail,
  asPhone,
  asUrl,
  asWebsite,
  decoded,
  emailsIn,
  folded,
  fromMailto,
  fromTel,
  mailtoAddresses,
  withoutEmpty,
  withoutSalutation,
} from './values';

type Input = string | null | undefined;

/** One test per row: `parse(input)` gives `expected`. */
function table<T>(parse: (input: Input) => T, rows: [input: Input, expected: T][]) {
  it.each(rows)(`${parse.name}(%j) → %j`, (input, expected) => expect(parse(input)).toEqual(expected));
}

describe('asEmail: local@domain, a dot in the domain, no spaces, trimmed', () => {
  table(asEmail, [
    ['dana.whitfield@northwind-robotics.example', 'dana.whitfield@northwind-robotics.example'],
    ['  Dana.Whitfield@Northwind.example \n', 'Dana.Whitfield@Northwind.example'],
    ['first+tag@sub.domain.example', 'first+tag@sub.domain.example'],
    ['mailto:dana@northwind.example', 'dana@northwind.example'],
    ['MAILTO:dana@northwind.example?subject=Hi', 'dana@northwind.example'],
    ['a@b', undefined],
    ['a@localhost', undefined],
    ['dana whitfield@northwind.example', undefined],
    ['dana@north wind.example', undefined],
    ['@northwind.example', undefined],
    ['dana@', undefined],
    ['dana@@northwind.example', undefined],
    ['Dana Whitfield', undefined],
    ['—', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ]);
});

describe('mailto: links, comma-separated addresses before any ?subject=', () => {
  table(mailtoAddresses, [
    ['mailto:dana@northwind.example', ['dana@northwind.example']],
    ['mailto:dana@northwind.example?subject=Pilot%20pricing&body=Hi', ['dana@northwind.example']],
    ['mailto:dana@northwind.example,erik@halvorsen.example?cc=sam@brightline.example', ['dana@northwind.example', 'erik@halvorsen.example']],
    ['mailto:dana@northwind.example;%20erik@halvorsen.example', ['dana@northwind.example', 'erik@halvorsen.example']],
    ['mailto:Dana%20Whitfield%20%3Cdana@northwind.example%3E', []],
    ['mailto:dana%40northwind.example', ['dana@northwind.example']],
    ['mailto:%20dana@northwind.example%20', ['dana@northwind.example']],
    ['MailTo:dana@northwind.example', ['dana@northwind.example']],
    ['mailto:dana@northwind.example#top', ['dana@northwind.example']],
    ['mailto:a@b,c@d.example', ['c@d.example']],
    ['mailto:', []],
    ['mailto:?to=dana@northwind.example', []],
    ['mailto:dana@northwind.example%', []],
    ['https://northwind.example/contact', []],
    ['dana@northwind.example', []],
    [null, []],
  ]);

  table(fromMailto, [
    ['mailto:dana@northwind.example?subject=Hi', 'dana@northwind.example'],
    ['mailto:erik@halvorsen.example,dana@northwind.example', 'erik@halvorsen.example'],
    // A domain without a dot is no address (Salesforce's and Dynamics' copies took it).
    ['mailto:a@b', undefined],
    // One bad escape: no address, where three adapters' copies threw and the page was "unreadable".
    ['mailto:%E0%A4%A', undefined],
    [undefined, undefined],
  ]);

  it('a malformed escape is no address, never a throw', () => {
    expect(() => fromMailto('mailto:%E0%A4%A')).not.toThrow();
    expect(asEmail('mailto:%E0%A4%A')).toBeUndefined();
  });
});

describe('emailsIn: addresses written in a text', () => {
  table(emailsIn, [
    ['Google Account: Maya Okafor (maya.okafor@brightline.example)', ['maya.okafor@brightline.example']],
    ['Inbox (3) - re: dana@northwind.example - maya@brightline.example - Gmail', ['dana@northwind.example', 'maya@brightline.example']],
    ['"Lena Brandt" <lena.brandt@kestrel-outdoor.example>, omar@fjordline.example', ['lena.brandt@kestrel-outdoor.example', 'omar@fjordline.example']],
    ['nobody@localhost', []],
    ['no address here', []],
    [null, []],
  ]);
});

describe('asPhone: 5 to 20 digits, written with + ( ) . - / and spaces, an optional extension', () => {
  table(asPhone, [
    ['(415) 555-0142', '(415) 555-0142'],
    ['+1 617 555 0199', '+1 617 555 0199'],
    ['  +49\u00a040 1234 5678 ', '+49 40 1234 5678'],
    ['555.0142', '555.0142'],
    ['030/1234567', '030/1234567'],
    // 5 digits at the least (HubSpot's and Pipedrive's copies; Zoho's and Apptivo's took 3 in a row).
    ['12345', '12345'],
    ['1234', undefined],
    ['555', undefined],
    ['+1 (415) 555-0142 x12', '+1 (415) 555-0142 x12'],
    ['+1 (415) 555-0142 ext. 12', '+1 (415) 555-0142 ext. 12'],
    ['+1 (415) 555-0142 #12', '+1 (415) 555-0142 #12'],
    // 20 at the most.
    ['12345678901234567890', '12345678901234567890'],
    ['123456789012345678901', undefined],
    ['+1 617 555 0143 (Work)', undefined],
    ['Call 555-0142', undefined],
    ['555-0142, 555-0199', undefined],
    ['—', undefined],
    [null, undefined],
  ]);

  table(fromTel, [
    ['tel:+1-617-555-0164', '+1-617-555-0164'],
    ['TEL:+16175550164', '+16175550164'],
    ['tel:+1-201-555-0123;ext=1234', '+1-201-555-0123'],
    ['tel:%2B1%20617%20555%200164', '+1 617 555 0164'],
    ['callto:+14155550178', '+14155550178'],
    ['tel:555', undefined],
    ['tel:%E0%A4%A', undefined],
    ['mailto:dana@northwind.example', undefined],
    [null, undefined],
  ]);
});

describe('domains and websites', () => {
  table(asDomain, [
    ['brightwave-health.example', 'brightwave-health.example'],
    ['https://www.Brightwave-Health.example/about?x=1', 'www.brightwave-health.example'],
    ['brightwave.example#top', 'brightwave.example'],
    ['localhost', undefined],
    ['not a domain', undefined],
    [undefined, undefined],
  ]);

  table(asUrl, [
    ['https://www.brightwave-health.example', 'https://www.brightwave-health.example'],
    ['http://brightwave.example/a b', undefined],
    ['www.brightwave.example', undefined],
    ['javascript:alert(1)', undefined],
    ['/relative/link', undefined],
  ]);

  table(asWebsite, [
    ['https://www.brightwave-health.example', 'https://www.brightwave-health.example'],
    ['www.brightwave.example', 'https://www.brightwave.example'],
    ['brightwave.example/about', 'https://brightwave.example/about'],
    ['javascript:alert(1)', undefined],
    ['', undefined],
  ]);
});

describe('text', () => {
  table(withoutSalutation, [
    ['Dr. Amelia Ortiz', 'Amelia Ortiz'],
    ['Mr Jonas Weber', 'Jonas Weber'],
    ['Drew Barrymore', 'Drew Barrymore'],
    [undefined, undefined],
  ]);

  it('folds whitespace and drops a host’s empty placeholder', () => {
    expect(folded('  Dana \n  Whitfield ')).toBe('Dana Whitfield');
    expect(folded('   ')).toBeUndefined();
    expect(folded('---', /^---$/)).toBeUndefined();
    expect(folded(null)).toBeUndefined();
  });

  it('decodes, or says it cannot', () => {
    expect(decoded('Dana%20Whitfield')).toBe('Dana Whitfield');
    expect(decoded('%E0%A4%A')).toBeUndefined();
  });

  it('leaves out the fields a page left empty', () => {
    expect(withoutEmpty({ source: 'zoho', name: 'Hannah Okoro', email: undefined, title: '' })).toEqual({ source: 'zoho', name: 'Hannah Okoro' });
  });
});
