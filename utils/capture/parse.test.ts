import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseContactText, type ParsedLead, type ParseOptions, type PhoneKind } from './parse';
import { countryFromEmail, defaultCountry, labelLanguage } from './phones';

// Table-driven: each case gives the fields it checks. `null` means the field must be absent;
// phones are compared as the full list (E.164, extension, kind).
interface Case {
  title: string;
  text: string;
  options?: ParseOptions;
  expect: {
    name?: string | null;
    title?: string | null;
    company?: string | null;
    email?: string | null;
    website?: string | null;
    linkedin?: string | null;
    address?: string | null;
    phones?: { e164: string; kind: PhoneKind; extension?: string }[];
  };
}

const none = { name: null, title: null, company: null, email: null, website: null, linkedin: null, address: null, phones: [] };

function check(c: Case) {
  const lead = parseContactText(c.text, c.options);
  for (const [field, want] of Object.entries(c.expect)) {
    if (field === 'phones') {
      const got = lead.phones.map((p) => ({ e164: p.value.e164, kind: p.value.kind, ...(p.value.extension ? { extension: p.value.extension } : {}) }));
      expect(got, 'phones').toEqual(want);
    } else {
      const got = lead[field as Exclude<keyof ParsedLead, 'phones'>]?.value;
      expect(got, field).toBe(want ?? undefined);
    }
  }
  return lead;
}

const english: Case[] = [
  {
    title: 'signature after a valediction, with extension, LinkedIn and website',
    text: `Thanks for your time today.

Best regards,

Jennifer Alvarez
Senior Account Executive | Northwind Logistics, Inc.
T: +1 (312) 346-0142 ext. 239
M: +1 312 346 0199
jennifer.alvarez@northwind-logistics.com
www.northwind-logistics.com
linkedin.com/in/jennifer-alvarez-12345/`,
    expect: {
      name: 'Jennifer Alvarez',
      title: 'Senior Account Executive',
      company: 'Northwind Logistics, Inc.',
      email: 'jennifer.alvarez@northwind-logistics.com',
      website: 'www.northwind-logistics.com',
      linkedin: 'https://www.linkedin.com/in/jennifer-alvarez-12345',
      phones: [
        { e164: '+13123460142', extension: '239', kind: 'work' },
        { e164: '+13123460199', kind: 'mobile' },
      ],
    },
  },
  {
    title: 'a split number gives two phones with the same label',
    text: 'Dana Perino\nTel: 713-853-0380 / 713-412-3667',
    expect: {
      name: 'Dana Perino',
      phones: [
        { e164: '+17138530380', kind: 'work' },
        { e164: '+17134123667', kind: 'work' },
      ],
    },
  },
  {
    title: 'extensions: "x-58752", "Ext 108", "ext. 238"',
    text: 'Lisa Chen\n(512) 471-0134 x-58752 (office)\n1-800-539-3580 Ext 108\n619-234-1300 ext. 238',
    expect: {
      phones: [
        { e164: '+15124710134', extension: '58752', kind: 'work' },
        { e164: '+18005393580', extension: '108', kind: 'other' },
        { e164: '+16192341300', extension: '238', kind: 'other' },
      ],
    },
  },
  {
    title: 'labels after the number, and a short second number ("2011/0609 (fax)")',
    text: 'Marcy Brinegar\nMBM Consultants\n(770) 886-6202 (Office)\n(678) 234-7644 (Cell)\n281.423.5360 Telephone\n(646) 836-2011/0609 (fax)',
    expect: {
      company: 'MBM Consultants',
      phones: [
        { e164: '+17708866202', kind: 'work' },
        { e164: '+16782347644', kind: 'mobile' },
        { e164: '+12814235360', kind: 'work' },
        { e164: '+16468362011', kind: 'other' },
        { e164: '+16468360609', kind: 'fax' },
      ],
    },
  },
  {
    title: 'name with credential, title, company, US address',
    text: `Mark D. Guinney, CFA
Consultant
Watson Wyatt Investment Consulting
345 California Street, Ste. 1400
San Francisco, CA  94104
(415) 733-4487 ph.
(415) 733-4190 fax`,
    expect: {
      name: 'Mark D. Guinney',
      title: 'Consultant',
      company: 'Watson Wyatt Investment Consulting',
      address: '345 California Street, Ste. 1400, San Francisco, CA 94104',
      phones: [
        { e164: '+14157334487', kind: 'work' },
        { e164: '+14157334190', kind: 'fax' },
      ],
    },
  },
  {
    title: '"Title, Company" and "Title at Company"',
    text: 'Frank Levy\nCEO, FairAir\n415-378-4942 cell\nfranklevy@fairair.com\n\nPriya Raman\nVP of Engineering at Globex',
    expect: { name: 'Frank Levy', title: 'CEO', company: 'FairAir', email: 'franklevy@fairair.com', phones: [{ e164: '+14153784942', kind: 'mobile' }] },
  },
  {
    title: 'a conference page line: "Name | Title | Company"',
    text: 'Priya Raman | VP of Engineering | Globex Corporation\nhttps://globex.example.com/speakers/priya',
    expect: { name: 'Priya Raman', title: 'VP of Engineering', company: 'Globex Corporation', website: 'https://globex.example.com/speakers/priya' },
  },
  {
    title: 'a team page: the first person is the lead',
    text: 'Alex Kim\nCo-Founder & CTO\nalex@startup.io\n\nSam Lee\nHead of Growth\nsam@startup.io',
    expect: { name: 'Alex Kim', title: 'Co-Founder & CTO', email: 'alex@startup.io' },
  },
  {
    title: 'a reply: the new signature, never the quoted sender or the attribution line',
    text: `Sounds good, talk then.

Jane Doe
Globex Corporation
+1 415 494 2671

On Tue, Mar 5, 2024 at 10:14 AM John Smith <john.smith@acme.com> wrote:
> Hi Jane,
> Can we move our call to Thursday?
> John Smith
> VP Sales, Acme Corp
> +1 212 736 0100`,
    expect: { name: 'Jane Doe', company: 'Globex Corporation', email: null, phones: [{ e164: '+14154942671', kind: 'other' }] },
  },
  {
    title: 'an Outlook header block alone is no lead',
    text: `-----Original Message-----
From: John Smith [mailto:john.smith@acme.com]
Sent: Tuesday, March 5, 2024 10:14 AM
To: Jane Doe <jane@globex.com>
Cc: sales@globex.com
Subject: RE: Pricing`,
    expect: none,
  },
  {
    title: 'mobile footers, a separator and a disclaimer are no lead',
    text: `Sent from my iPhone

Get Outlook for iOS<https://aka.ms/o0ukef>
________________________________
This e-mail and any attachments are confidential and intended solely for the addressee.
If you have received it in error, please call +1 212 736 0199 or write to legal@acme.com.`,
    expect: none,
  },
  {
    title: 'a disclaimer under a signature is dropped, the signature kept',
    text: `Robin Deguara
Executive Assistant
Perfect Commerce, Inc. tel: 650-798-3367
fax: 650-858-1095 email: robin@perfect.com
CONFIDENTIALITY NOTICE: This message and any attachments are confidential. If you are not the intended recipient, call 650-798-0000.`,
    expect: {
      name: 'Robin Deguara',
      title: 'Executive Assistant',
      company: 'Perfect Commerce, Inc.',
      email: 'robin@perfect.com',
      phones: [
        { e164: '+16507983367', kind: 'work' },
        { e164: '+16508581095', kind: 'fax' },
      ],
    },
  },
  {
    title: 'a reply body, then the older message under a separator: the reply signature wins',
    text: `Thanks, I'll send it over.

Kind regards,
Tom Baker
Baker & Sons Ltd

-----Original Message-----
From: Lisa Chen [mailto:lisa.chen@initech.com]
Sent: Monday, June 3, 2024 9:02 AM

Lisa Chen
Product Manager
Initech LLC`,
    expect: { name: 'Tom Baker', company: 'Baker & Sons Ltd', title: null, email: null },
  },
  {
    title: 'a quoted signature selected alone is read (its quote marks dropped)',
    text: '> > Stephanie Panus\n> > Sr. Legal Specialist\n> > Enron North America Corp.\n> > ph:  713.345.3249\n> > stephanie.panus@enron.com',
    expect: { name: 'Stephanie Panus', title: 'Sr. Legal Specialist', company: 'Enron North America Corp.', email: 'stephanie.panus@enron.com', phones: [{ e164: '+17133453249', kind: 'work' }] },
  },
  {
    title: 'a number cut by line wrapping in a two-column signature',
    text: `Sanjeev K  Khanna                                 Email:
Sanjeev.Khanna@enron.com
Director                                                 Tel:    (713)
853-3849
Enron Global  Markets                             Cell:   (713) 594-1832`,
    expect: {
      name: 'Sanjeev K Khanna',
      title: 'Director',
      email: 'Sanjeev.Khanna@enron.com',
      phones: [
        { e164: '+17138533849', kind: 'work' },
        { e164: '+17135941832', kind: 'mobile' },
      ],
    },
  },
  {
    title: 'the email domain suggests the company when no line does (low confidence)',
    text: 'Judy Paul\nCustomer Service Representative\njudy.paul@northwind-traders.com',
    expect: { name: 'Judy Paul', title: 'Customer Service Representative', company: 'Northwind Traders' },
  },
  {
    title: 'field labels ("Name:", "Company:", "Title:"), a nickname dropped from the name',
    text: 'Name: Susan (Sue) Mara\nCompany: Contoso\nTitle: Head of Sales',
    expect: { name: 'Susan Mara', company: 'Contoso', title: 'Head of Sales' },
  },
  {
    title: 'company and address on one line',
    text: 'Jeff Dasovich\nEnron Corp., 1400 Smith St., Houston, TX 77002',
    expect: { name: 'Jeff Dasovich', company: 'Enron Corp.', address: '1400 Smith St., Houston, TX 77002' },
  },
  {
    title: '"Support Services" ends as an organisation: a company, not a title',
    text: 'Rick Buy\nEnron Support Services',
    expect: { name: 'Rick Buy', company: 'Enron Support Services', title: null },
  },
  {
    title: 'websites: social and mail-client links skipped, a labelled bare domain kept, the email domain not invented',
    text: 'Anna Berg\nFollow us: https://twitter.com/acme | https://www.facebook.com/acme\nWeb: acme-robotics.se\nanna.berg@acme-robotics.se',
    expect: { name: 'Anna Berg', website: 'acme-robotics.se', linkedin: null },
  },
  {
    title: 'no website from an email without its @',
    text: 'Wayne Bartel\nwayne.bartel.petrovantage.com\nAspen Technologies',
    expect: { name: 'Wayne Bartel', company: 'Aspen Technologies', website: null, email: null },
  },
  {
    title: 'no company from a free-mail domain; a website only when written',
    text: 'Julie Gibson\n7008 Aronow Drive\nFalls Church, VA  22042\njuliecgibson@yahoo.com',
    expect: { name: 'Julie Gibson', company: null, website: null, address: '7008 Aronow Drive, Falls Church, VA 22042' },
  },
];

const french: Case[] = [
  {
    title: 'signature after "Cordialement", Tél/Portable labels say France (email in .com)',
    text: `Cordialement,

Marie Dubois
Directrice commerciale
Société Générale de Transports SAS
12, rue de la Paix – 75002 Paris
Tél. : 01 42 68 53 00
Portable : 06 12 34 56 78
Télécopie : 01 42 68 53 01
marie.dubois@sgt-transports.com`,
    expect: {
      name: 'Marie Dubois',
      title: 'Directrice commerciale',
      company: 'Société Générale de Transports SAS',
      email: 'marie.dubois@sgt-transports.com',
      address: '12, rue de la Paix, 75002 Paris',
      phones: [
        { e164: '+33142685300', kind: 'work' },
        { e164: '+33612345678', kind: 'mobile' },
        { e164: '+33142685301', kind: 'fax' },
      ],
    },
  },
  {
    title: 'a French reply header and attribution are no lead',
    text: `De : Jean Martin <jean.martin@exemple.fr>
Envoyé : mardi 5 mars 2024 10:14
À : Marie Dubois
Objet : RE: Devis

Le mar. 5 mars 2024 à 10:14, Jean Martin <jean.martin@exemple.fr> a écrit :
> Bonjour,
> Jean Martin
> Responsable des achats`,
    expect: none,
  },
  {
    title: '"Ce message…" disclaimer and "Envoyé de mon iPhone" are dropped',
    text: `Bien à vous,
Jean-Pierre Lefèvre
Responsable Grands Comptes
ACME France SAS
Tél. : +33 (0)4 72 00 00 00 – Portable : 06 11 22 33 44
jp.lefevre@acme.fr | www.acme.fr

Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires.
Envoyé de mon iPhone`,
    expect: {
      name: 'Jean-Pierre Lefèvre',
      title: 'Responsable Grands Comptes',
      company: 'ACME France SAS',
      email: 'jp.lefevre@acme.fr',
      website: 'www.acme.fr',
      phones: [
        { e164: '+33472000000', kind: 'work' },
        { e164: '+33611223344', kind: 'mobile' },
      ],
    },
  },
  {
    title: 'the page language gives the country when nothing else does',
    text: 'Sophie Laurent\nTel 01 42 68 53 00',
    options: { pageLanguage: 'fr-FR', locale: 'en-US' },
    expect: { name: 'Sophie Laurent', phones: [{ e164: '+33142685300', kind: 'work' }] },
  },
  {
    title: 'field labels in French ("Nom :", "Société :", "Fonction :")',
    text: 'Nom : Pierre Durand\nSociété : Exemple SARL\nFonction : Chef de projet\nTél : 01 23 45 67 89',
    expect: { name: 'Pierre Durand', company: 'Exemple SARL', title: 'Chef de projet', phones: [{ e164: '+33123456789', kind: 'work' }] },
  },
  {
    title: 'poste (extension) after a number',
    text: 'Luc Moreau\nTél : 01 42 68 53 00 poste 214',
    expect: { phones: [{ e164: '+33142685300', extension: '214', kind: 'work' }] },
  },
];

const german: Case[] = [
  {
    title: 'signature after "Mit freundlichen Grüßen", .de email, Durchwahl as extension',
    text: `Mit freundlichen Grüßen

Dr. Thomas Müller
Leiter Vertrieb
Müller & Schmidt Maschinenbau GmbH
Industriestraße 12
80331 München
Telefon: 089 1234567, Durchwahl 239
Mobil: 0171 2345678
Fax: +49 89 1234567-99
E-Mail: t.mueller@mueller-schmidt.de
www.mueller-schmidt.de

Sitz der Gesellschaft: München, Registergericht: Amtsgericht München HRB 123456
Geschäftsführer: Hans Schmidt, Thomas Müller`,
    expect: {
      name: 'Dr. Thomas Müller',
      title: 'Leiter Vertrieb',
      company: 'Müller & Schmidt Maschinenbau GmbH',
      email: 't.mueller@mueller-schmidt.de',
      website: 'www.mueller-schmidt.de',
      address: 'Industriestraße 12, 80331 München',
      phones: [
        { e164: '+49891234567', extension: '239', kind: 'work' },
        { e164: '+491712345678', kind: 'mobile' },
        { e164: '+4989123456799', kind: 'fax' },
      ],
    },
  },
  {
    title: 'Handy label says Germany when the email is .com; one line with bars',
    text: `Viele Grüße
Sabine Krüger

Sabine Krüger
Key Account Managerin
Beispiel AG | Musterstraße 5 | 10115 Berlin
Tel 030 1234567 | Handy 0151 12345678
sabine.krueger@beispiel-gruppe.com`,
    expect: {
      name: 'Sabine Krüger',
      title: 'Key Account Managerin',
      company: 'Beispiel AG',
      address: 'Musterstraße 5, 10115 Berlin',
      phones: [
        { e164: '+49301234567', kind: 'work' },
        { e164: '+4915112345678', kind: 'mobile' },
      ],
    },
  },
  {
    title: 'a German reply header, attribution and disclaimer are no lead',
    text: `Von: Max Mustermann <max@firma.de>
Gesendet: Dienstag, 5. März 2024 10:14
An: Erika Musterfrau <erika@beispiel.de>
Betreff: AW: Angebot

Am 05.03.2024 um 10:14 schrieb Petra Schulz <p.schulz@beispiel.de>:
> Petra Schulz
> Einkauf

Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte sofort den Absender unter +49 30 1234567.`,
    expect: none,
  },
  {
    title: 'Geschäftsführer title and GmbH & Co. KG company',
    text: 'Klaus Weber\nGeschäftsführer\nWeber Logistik GmbH & Co. KG\nTel.: 040 123456-12\nHandy: 0160 98765432\nk.weber@weber-logistik.de',
    expect: {
      name: 'Klaus Weber',
      title: 'Geschäftsführer',
      company: 'Weber Logistik GmbH & Co. KG',
      phones: [
        { e164: '+494012345612', kind: 'work' },
        { e164: '+4916098765432', kind: 'mobile' },
      ],
    },
  },
];

const spanish: Case[] = [
  {
    title: 'signature after "Un saludo", .es email, Móvil label',
    text: `Un saludo,

Carlos García López
Director Comercial
Construcciones Ibéricas S.L.
C/ Alcalá 45, 3º
28014 Madrid
Teléfono: 91 123 45 67
Móvil: 612 34 56 78
carlos.garcia@construcciones-ibericas.es`,
    expect: {
      name: 'Carlos García López',
      title: 'Director Comercial',
      company: 'Construcciones Ibéricas S.L.',
      email: 'carlos.garcia@construcciones-ibericas.es',
      address: 'C/ Alcalá 45, 3º, 28014 Madrid',
      phones: [
        { e164: '+34911234567', kind: 'work' },
        { e164: '+34612345678', kind: 'mobile' },
      ],
    },
  },
  {
    title: 'a Spanish reply header: the body signature below it is read, not the header',
    text: `De: Pedro Ruiz <pedro.ruiz@empresa.es>
Enviado el: martes, 5 de marzo de 2024 10:14
Para: Ana López <ana@otra.es>
Asunto: RE: Oferta

Hola Ana,
Adjunto la oferta.
Saludos,
María José Fernández
Responsable de Compras
Distribuciones Levante, S.L.
Tfno: 963 123 456 | Móvil: 654 321 987`,
    expect: {
      name: 'María José Fernández',
      title: 'Responsable de Compras',
      company: 'Distribuciones Levante, S.L.',
      email: null,
      phones: [
        { e164: '+34963123456', kind: 'work' },
        { e164: '+34654321987', kind: 'mobile' },
      ],
    },
  },
  {
    title: '"El … escribió:" and "Este mensaje…" are no lead',
    text: `El mar, 5 mar 2024 a las 10:14, Ana Pérez (<ana.perez@empresa.es>) escribió:
> Ana Pérez
> Gerente de Ventas

Este mensaje y sus anexos son confidenciales. Si usted no es el destinatario, llame al 91 123 45 67.
Enviado desde mi iPhone`,
    expect: none,
  },
  {
    title: 'Mexican company and extension ("ext."), +52 number',
    text: 'Ana Pérez Martínez\nGerente de Ventas\nGrupo Alimentario del Norte, S.A. de C.V.\nTel. +52 (55) 5123 4567 ext. 1204\nana.perez@grupoalimentario.com.mx',
    expect: {
      name: 'Ana Pérez Martínez',
      title: 'Gerente de Ventas',
      company: 'Grupo Alimentario del Norte, S.A. de C.V.',
      phones: [{ e164: '+525551234567', extension: '1204', kind: 'work' }],
    },
  },
];

const countries: Case[] = [
  { title: '.co.uk email → GB', text: 'Amy Wong\nDirect: 020 7946 0018\namy@acmewidgets.co.uk', expect: { phones: [{ e164: '+442079460018', kind: 'work' }] } },
  { title: 'email TLD beats the label language (.de with "Tél")', text: 'Tél: 030 1234567\nx@beispiel.de', expect: { phones: [{ e164: '+49301234567', kind: 'work' }] } },
  { title: 'labels beat the page language ("Tél" on a German page)', text: 'Tél: 01 42 68 53 00', options: { pageLanguage: 'de-DE' }, expect: { phones: [{ e164: '+33142685300', kind: 'work' }] } },
  { title: 'a vanity TLD (.io) says nothing: the labels decide', text: 'Móvil: 612 34 56 78\nana@startup.io', expect: { phones: [{ e164: '+34612345678', kind: 'mobile' }] } },
  { title: 'the page language beats the locale', text: 'Phone: 030 1234567', options: { pageLanguage: 'de', locale: 'en-GB' }, expect: { phones: [{ e164: '+49301234567', kind: 'work' }] } },
  { title: 'the locale when there is no other clue', text: 'Phone: 020 7946 0018', options: { locale: 'en-GB' }, expect: { phones: [{ e164: '+442079460018', kind: 'work' }] } },
  { title: 'US when nothing says otherwise', text: 'Phone: 713 853 3488', expect: { phones: [{ e164: '+17138533488', kind: 'work' }] } },
  { title: 'a label language takes the region of a page in that language (Handy, de-AT)', text: 'Handy: 0664 1234567', options: { pageLanguage: 'de-AT' }, expect: { phones: [{ e164: '+436641234567', kind: 'mobile' }] } },
  { title: 'numbers with a country code ignore the default', text: 'Tel: +44 (0)20 7783 5466\nCell: +44 (0)7768 942201', options: { locale: 'fr-FR' }, expect: { phones: [{ e164: '+442077835466', kind: 'work' }, { e164: '+447768942201', kind: 'mobile' }] } },
];

describe('parseContactText', () => {
  describe.each([
    ['English', english],
    ['French', french],
    ['German', german],
    ['Spanish', spanish],
    ['default country', countries],
  ])('%s', (_lang, cases) => {
    it.each(cases.map((c) => [c.title, c] as const))('%s', (_t, c) => {
      check(c);
    });
  });

  it('gives every confidence in [0, 1] and never throws, whatever the text', () => {
    const pieces = fc.constantFrom('John Smith', 'Director', 'Acme GmbH', 'Tel: +49 30 1234567', 'x@y.de', '> quoted', 'From: a@b.c', 'Cordialement,', '\n', ' ', '(0)', 'ext. 12', 'https://www.acme.fr', '12 rue de la Paix', 'constructor: ', 'toString 030 1234567', '__proto__');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (bits) => {
        const lead = parseContactText(bits.join(''));
        const fields = [lead.name, lead.title, lead.company, lead.email, lead.website, lead.linkedin, lead.address, ...lead.phones];
        for (const f of fields) if (f) expect(f.confidence >= 0 && f.confidence <= 1).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('labels a phone as certain only when it has a label; a lower-confidence company from the domain', () => {
    const lead = parseContactText('Judy Paul\n713 853 3488\nTel 713 853 3489\njudy.paul@northwind-traders.com');
    expect(lead.phones[0]!.confidence).toBeLessThan(lead.phones[1]!.confidence);
    expect(lead.company!.confidence).toBeLessThan(0.5);
  });
});

describe('default country clues', () => {
  it('reads country-code TLDs, not generic or vanity ones', () => {
    expect(countryFromEmail('a@b.de')).toBe('DE');
    expect(countryFromEmail('a@b.co.uk')).toBe('GB');
    expect(countryFromEmail('a@b.fr')).toBe('FR');
    expect(countryFromEmail('a@b.com')).toBeUndefined();
    expect(countryFromEmail('a@b.io')).toBeUndefined();
    expect(countryFromEmail('a@b.eu')).toBeUndefined();
  });
  it('reads the language of phone labels beside numbers, not of words elsewhere', () => {
    expect(labelLanguage('Tél. : 01 42 68 53 00')).toBe('fr');
    expect(labelLanguage('Handy: 0171 2345678')).toBe('de');
    expect(labelLanguage('Móvil: 612 34 56 78')).toBe('es');
    expect(labelLanguage('Mobile: 07911 123456')).toBeUndefined();
    expect(labelLanguage('A portable handy guide')).toBeUndefined();
  });
  it('says where the country came from', () => {
    expect(defaultCountry('Tel 1', 'a@b.es').source).toBe('email');
    expect(defaultCountry('Portable : 06 12 34 56 78', undefined).source).toBe('labels');
    expect(defaultCountry('Tel 1', undefined, { pageLanguage: 'fr-CA' })).toEqual({ country: 'CA', source: 'pageLanguage' });
    expect(defaultCountry('Tel 1', undefined, { pageLanguage: 'en', locale: 'de-CH' })).toEqual({ country: 'CH', source: 'locale' });
    expect(defaultCountry('Tel 1', undefined, {})).toEqual({ country: 'US', source: 'default' });
  });
});
