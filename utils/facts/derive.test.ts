import { describe, expect, it } from 'vitest';
import {
  companyFromEmail,
  countryFromAddress,
  countryFromDomain,
  countryFromPhone,
  departmentFromTitle,
  employeesFromText,
  FREE_MAIL_DOMAINS,
  industryFromText,
  revenueFromText,
  seniorityFromTitle,
} from './derive';
import type { Department, Industry, Seniority } from './vocabulary';

const OPEN = Number.MAX_SAFE_INTEGER;

describe('seniorityFromTitle', () => {
  it.each<[string, Seniority | undefined]>([
    // English
    ['Chief Executive Officer', 'C-level'],
    ['CEO & Co-Founder', 'C-level'],
    ['Chief Revenue Officer', 'C-level'],
    ['CFO', 'C-level'],
    ['Founder', 'C-level'],
    ['Owner', 'C-level'],
    ['President', 'C-level'],
    ['Managing Director, EMEA', 'C-level'],
    ['Vice President of Sales', 'VP'],
    ['SVP, Global Partnerships', 'VP'],
    ['Executive Vice President, Operations', 'VP'],
    ['Head of Procurement', 'Head'],
    ['Director of Engineering', 'Director'],
    ['Sales Director DACH', 'Director'],
    ['Associate Director, Finance', 'Director'],
    ['Senior Manager, Demand Generation', 'Manager'],
    ['Key Account Manager', 'Manager'],
    ['Team Lead, Customer Support', 'Manager'],
    ['Account Executive', 'Individual contributor'],
    ['SDR', 'Individual contributor'],
    ['Senior Software Engineer', 'Individual contributor'],
    ['Executive Assistant', 'Individual contributor'],
    ['Assistant to the CEO', 'Individual contributor'],
    ['Executive Assistant to the Managing Director', 'Individual contributor'],
    ['Product Owner', 'Individual contributor'],
    ['Chief of Staff to the CEO', 'Director'],
    ['Assistant Vice President, Treasury', 'VP'],
    ['Procurement Specialist', 'Individual contributor'],
    // French
    ['PDG', 'C-level'],
    ['Président', 'C-level'],
    ['Directeur général', 'C-level'],
    ['Directrice générale adjointe', 'C-level'],
    ['Gérante', 'C-level'],
    ['Cofondatrice', 'C-level'],
    ['Vice-président Ventes', 'VP'],
    ['Responsable des achats', 'Head'],
    ['Chef du service comptabilité', 'Head'],
    ['Directrice marketing', 'Director'],
    ['Directeur commercial France', 'Director'],
    ['Chef de projet digital', 'Manager'],
    ['Responsable d’équipe commerciale', 'Manager'],
    ['Chargée de communication', 'Individual contributor'],
    ['Ingénieur d’affaires', 'Individual contributor'],
    ['Assistante de direction', 'Individual contributor'],
    ['Acheteuse', 'Individual contributor'],
    ['Commercial sédentaire', 'Individual contributor'],
    // German
    ['Geschäftsführer', 'C-level'],
    ['Geschäftsführerin', 'C-level'],
    ['Geschaeftsfuehrer', 'C-level'],
    ['Inhaberin', 'C-level'],
    ['Vorstand Finanzen', 'C-level'],
    ['Mitglied der Geschäftsleitung', 'C-level'],
    ['Vizepräsident Vertrieb', 'VP'],
    ['Leiterin Einkauf', 'Head'],
    ['Bereichsleiter IT', 'Head'],
    ['Abteilungsleiterin Personal', 'Head'],
    ['Vertriebsleiter', 'Head'],
    ['Direktor Marketing', 'Director'],
    ['Teamleiterin Kundenservice', 'Manager'],
    ['Projektleiter', 'Manager'],
    ['Sachbearbeiter Buchhaltung', 'Individual contributor'],
    ['Referentin Unternehmenskommunikation', 'Individual contributor'],
    ['Softwareentwickler', 'Individual contributor'],
    ['Assistenz der Geschäftsführung', 'Individual contributor'],
    ['Vorstandsassistentin', 'Individual contributor'],
    ['Werkstudent Marketing', 'Individual contributor'],
    // Spanish
    ['Consejero Delegado', 'C-level'],
    ['Consejera Delegada', 'C-level'],
    ['Director General', 'C-level'],
    ['Directora Ejecutiva', 'C-level'],
    ['Gerente General', 'C-level'],
    ['Fundadora y CEO', 'C-level'],
    ['Presidente', 'C-level'],
    ['Vicepresidenta de Operaciones', 'VP'],
    ['Jefa de Compras', 'Head'],
    ['Responsable de Marketing', 'Head'],
    ['Directora de Recursos Humanos', 'Director'],
    ['Director Comercial', 'Director'],
    ['Gerente de Ventas', 'Manager'],
    ['Jefe de Proyecto', 'Manager'],
    ['Encargada de tienda', 'Manager'],
    ['Ejecutivo de Cuentas', 'Individual contributor'],
    ['Técnico de Soporte', 'Individual contributor'],
    ['Analista Financiero', 'Individual contributor'],
    ['Asistente de Dirección General', 'Individual contributor'],
    ['Coordinadora de Marketing', 'Individual contributor'],
    // nothing to read
    ['General Counsel', undefined],
    ['Prokurist', undefined],
    ['', undefined],
  ])('%s → %s', (title, expected) => {
    expect(seniorityFromTitle(title)?.value).toBe(expected);
  });

  it('says why, quoting the title', () => {
    expect(seniorityFromTitle('  Head of   Procurement ')).toEqual({ value: 'Head', because: 'from the title “Head of Procurement”' });
  });
});

describe('departmentFromTitle', () => {
  it.each<[string, Department | undefined]>([
    ['VP Sales EMEA', 'Sales'],
    ['Account Executive', 'Sales'],
    ['Business Development Representative', 'Sales'],
    ['Key Account Manager', 'Sales'],
    ['Vertriebsleiter', 'Sales'],
    ['Directeur commercial', 'Sales'],
    ['Ejecutivo de Ventas', 'Sales'],
    ['Sales Engineer', 'Sales'],
    ['Head of Growth', 'Marketing'],
    ['Demand Generation Manager', 'Marketing'],
    ['Product Marketing Manager', 'Marketing'],
    ['Chief Marketing Officer', 'Marketing'],
    ['Leiterin Unternehmenskommunikation', 'Marketing'],
    ['Responsable Communication', 'Marketing'],
    ['Revenue Operations Manager', 'Revenue Operations'],
    ['Sales Ops Analyst', 'Revenue Operations'],
    ['Marketing Operations Lead', 'Revenue Operations'],
    ['Customer Success Manager', 'Customer Success'],
    ['Teamleiterin Kundenservice', 'Customer Success'],
    ['Responsable Service Client', 'Customer Success'],
    ['Agente de Atención al Cliente', 'Customer Success'],
    ['Support Specialist', 'Customer Success'],
    ['Head of Operations', 'Operations'],
    ['Supply Chain Director', 'Operations'],
    ['Leiter Logistik', 'Operations'],
    ['COO', 'Operations'],
    ['CFO', 'Finance'],
    ['Leiterin Controlling', 'Finance'],
    ['Comptable', 'Finance'],
    ['Jefe de Contabilidad', 'Finance'],
    ['Head of Procurement', 'Procurement'],
    ['Senior Buyer', 'Procurement'],
    ['Einkäuferin', 'Procurement'],
    ['Responsable des achats', 'Procurement'],
    ['Jefa de Compras', 'Procurement'],
    ['Director of Engineering', 'Engineering'],
    ['Senior Software Developer', 'Engineering'],
    ['CTO', 'Engineering'],
    ['Leiter Forschung & Entwicklung', 'Engineering'],
    ['Head of R&D', 'Engineering'],
    ['Head of IT', 'IT'],
    ['IT-Leiter', 'IT'],
    ['CIO', 'IT'],
    ['Responsable Informatique', 'IT'],
    ['Jefe de Sistemas', 'IT'],
    ['CISO', 'IT'],
    ['Director of Product', 'Product'],
    ['Product Owner', 'Product'],
    ['Produktmanagerin', 'Product'],
    ['HR Business Partner', 'Human Resources'],
    ['Head of People', 'Human Resources'],
    ['Talent Acquisition Specialist', 'Human Resources'],
    ['Personalleiterin', 'Human Resources'],
    ['Responsable RH', 'Human Resources'],
    ['Directora de RRHH', 'Human Resources'],
    ['General Counsel', 'Legal'],
    ['Juriste / Responsable Juridique', 'Legal'],
    ['Syndikusanwalt', 'Legal'],
    ['Abogada', 'Legal'],
    ['CEO', 'Executive'],
    ['Founder', 'Executive'],
    ['Geschäftsführer', 'Executive'],
    ['PDG', 'Executive'],
    ['Managing Director', 'Executive'],
    ['Director General', 'Executive'],
    ['Managing Director Sales', 'Sales'],
    ['Geschäftsführender Gesellschafter', 'Executive'],
    ['Chargée d’affaires', 'Sales'],
    ['Vice President', undefined],
    ['Personal Assistant', undefined],
    ['Office Manager', undefined],
    ['It depends', undefined],
  ])('%s → %s', (title, expected) => {
    expect(departmentFromTitle(title)?.value).toBe(expected);
  });

  it('says why, quoting the title', () => {
    expect(departmentFromTitle('Chief Financial Officer')).toEqual({ value: 'Finance', because: 'from the title “Chief Financial Officer”' });
  });
});

describe('countryFromAddress', () => {
  it.each<[string, string | undefined, string?]>([
    ['Friedrichstraße 68, 10117 Berlin, Deutschland', 'DE'],
    ['12 Rue de Rivoli\n75004 Paris\nFrance', 'FR'],
    ['Calle de Alcalá 45, 28014 Madrid, España', 'ES'],
    ['1 Market St, San Francisco, CA 94105, USA', 'US'],
    ['Bahnhofstrasse 10\n8001 Zürich\nSchweiz', 'CH'],
    ['Via Roma 12, 20121 Milano, Italie', 'IT'],
    ['Av. Paulista 1000, São Paulo, Brasil', 'BR'],
    ['10117 Berlin, DE', 'DE'],
    ['Paris, FR', 'FR'],
    ['Unit 4, 20 Eastcheap\nLondon EC3M 1EB\nUnited Kingdom', 'GB'],
    ['191 Peachtree St NE, Atlanta, GA 30303', 'US', 'from the address’s postcode'],
    ['191 Peachtree St NE\nAtlanta, Georgia 30303-1740', 'US', 'from the address’s postcode'],
    ['500 Congress Ave, Austin, TX 78701', 'US', 'from the address’s postcode'],
    ['Denver, Colorado', 'US'],
    ['12 Rustaveli Ave, Tbilisi 0108, Georgia', 'GE'],
    ['Old Trafford, Manchester M16 0RA', 'GB', 'from the address’s postcode'],
    ['20 Farringdon Road, London EC1R 0AA', 'GB', 'from the address’s postcode'],
    ['290 Bremner Blvd, Toronto, ON M5V 3L9', 'CA', 'from the address’s postcode'],
    ['Herengracht 182\n1016 BR Amsterdam', 'NL', 'from the address’s postcode'],
    // ambiguous or silent
    ['Savannah, Georgia', undefined],
    ['Wilmington, DE', undefined],
    ['Hauptstraße 5, 80331 München', undefined],
    ['15 Avenue Foch, 75116 Paris', undefined],
    ['Gran Vía 1, 28013 Madrid', undefined],
    ['1200 NE Broadway, Portland', undefined],
    ['Building 3, Floor 2', undefined],
    ['', undefined],
  ])('%j → %s', (address, expected, because = 'from the address') => {
    const derived = countryFromAddress(address);
    expect(derived?.value).toBe(expected);
    if (expected) expect(derived?.because).toBe(because);
  });
});

describe('countryFromPhone', () => {
  it.each<[string, string | undefined, string?]>([
    ['+49 30 12345678', 'DE', 'from the phone number’s country code (+49)'],
    ['0049 30 12345678', 'DE', 'from the phone number’s country code (+49)'],
    ['+49 (0)89 2190 4400', 'DE'],
    ['+33 1 42 68 53 00', 'FR', 'from the phone number’s country code (+33)'],
    ['(+34) 91 123 45 67', 'ES'],
    ['+44 20 7946 0958', 'GB'],
    ['+41 44 668 18 00', 'CH'],
    ['+1 (415) 555-0132', 'US', 'from the phone number’s country and area code (+1 415)'],
    ['+1 416 555 0199', 'CA', 'from the phone number’s country and area code (+1 416)'],
    ['+52 55 1234 5678', 'MX'],
    ['Tel.: +43 1 5123456', 'AT'],
    ['030 12345678', undefined],
    ['(415) 555-0132', undefined],
    ['0171 2345678', undefined],
    ['+1 999 555 0100', undefined],
    ['+49', undefined],
    ['call me', undefined],
  ])('%s → %s', (phone, expected, because) => {
    const derived = countryFromPhone(phone);
    expect(derived?.value).toBe(expected);
    if (because) expect(derived?.because).toBe(because);
  });
});

describe('countryFromDomain', () => {
  it.each<[string, string | undefined]>([
    ['anna@firma.de', 'DE'],
    ['ana@vantage-freight.co.uk', 'GB'],
    ['tom@studio.uk', 'GB'],
    ['claire@maison-dupont.fr', 'FR'],
    ['lucia@distribuciones.es', 'ES'],
    ['jack@harbour.com.au', 'AU'],
    ['maria@grupo-norte.com.mx', 'MX'],
    ['urs@bergbahn.ch', 'CH'],
    ['pedro@empresa.com.co', 'CO'],
    ['https://www.acme.at/kontakt', 'AT'],
    ['sales@acme.com', undefined],
    ['info@acme.net', undefined],
    ['hello@foundation.org', undefined],
    ['x@acme.info', undefined],
    ['x@acme.biz', undefined],
    ['x@acme.eu', undefined],
    ['founder@startup.io', undefined],
    ['hi@brand.co', undefined],
    ['team@model.ai', undefined],
    ['me@portfolio.me', undefined],
    ['x@channel.tv', undefined],
    ['x@tool.app', undefined],
    ['x@tool.dev', undefined],
    ['x@site.cc', undefined],
    ['x@site.ws', undefined],
    ['x@radio.fm', undefined],
    ['x@short.ly', undefined],
    ['x@go.to', undefined],
    ['x@clan.gg', undefined],
    ['x@tool.sh', undefined],
    ['x@tool.so', undefined],
    ['x@thing.xyz', undefined],
    ['not an email', undefined],
  ])('%s → %s', (input, expected) => {
    expect(countryFromDomain(input)?.value).toBe(expected);
  });

  it('names the ending it read', () => {
    expect(countryFromDomain('anna@firma.de')?.because).toBe('from the email domain’s country ending (.de)');
    expect(countryFromDomain('ana@vantage-freight.co.uk')?.because).toBe('from the email domain’s country ending (.co.uk)');
  });
});

describe('employeesFromText', () => {
  it.each<[string, { min: number; max: number } | undefined]>([
    ['250', { min: 250, max: 250 }],
    ['201-500', { min: 201, max: 500 }],
    ['201 - 500', { min: 201, max: 500 }],
    ['201–500', { min: 201, max: 500 }],
    ['201 to 500', { min: 201, max: 500 }],
    ['201 à 500', { min: 201, max: 500 }],
    ['201 bis 500', { min: 201, max: 500 }],
    ['201 a 500', { min: 201, max: 500 }],
    ['1,001-5,000', { min: 1001, max: 5000 }],
    ['1.001-5.000', { min: 1001, max: 5000 }],
    ['1 001–5 000', { min: 1001, max: 5000 }],
    ['10,000+', { min: 10000, max: OPEN }],
    ['10001+', { min: 10001, max: OPEN }],
    ['more than 10,000', { min: 10000, max: OPEN }],
    ['plus de 10 000', { min: 10000, max: OPEN }],
    ['über 10.000', { min: 10000, max: OPEN }],
    ['más de 10.000', { min: 10000, max: OPEN }],
    ['51-200 employees', { min: 51, max: 200 }],
    ['51 to 200 Mitarbeiter', { min: 51, max: 200 }],
    ['2-10 empleados', { min: 2, max: 10 }],
    ['Founded 2009 · 11-50 employees', { min: 11, max: 50 }],
    ['Company size: 5.001–10.000 Mitarbeitende', { min: 5001, max: 10000 }],
    ['fewer than 10 staff', { min: 1, max: 10 }],
    ['_51_200', { min: 51, max: 200 }],
    ['Self-employed', { min: 1, max: 1 }],
    ['1', { min: 1, max: 1 }],
    ['about 2.5k people', { min: 2500, max: 2500 }],
    ['Unknown', undefined],
    ['500-200', undefined],
    ['', undefined],
  ])('%j → %j', (text, expected) => {
    expect(employeesFromText(text)).toEqual(expected);
  });
});

describe('revenueFromText', () => {
  it.each<[string, number | undefined]>([
    ['$12,000,000', 12_000_000],
    ['12000000', 12_000_000],
    ['12M', 12_000_000],
    ['$12M', 12_000_000],
    ['12 million', 12_000_000],
    ['USD 3.4 million', 3_400_000],
    ['€1.2bn', 1_200_000_000],
    ['1.2 B', 1_200_000_000],
    ['12 Mio. €', 12_000_000],
    ['1,5 Mio €', 1_500_000],
    ['3,5 M€', 3_500_000],
    ['2 Mrd.', 2_000_000_000],
    ['500K', 500_000],
    ['500 k€', 500_000],
    ['10-50M', 10_000_000],
    ['12 bis 15 Mio. EUR', 12_000_000],
    ['1,2 milliard d’euros', 1_200_000_000],
    ['3 mil millones de euros', 3_000_000_000],
    ['12.000.000 €', 12_000_000],
    ['£4.75m', 4_750_000],
    ['Revenue 2023: $45M', 45_000_000],
    ['1,250M USD', 1_250_000_000],
    ['n/a', undefined],
    ['', undefined],
  ])('%j → %s', (text, expected) => {
    expect(revenueFromText(text)).toBe(expected);
  });
});

describe('industryFromText', () => {
  it.each<[string, Industry | undefined]>([
    // HubSpot's enum
    ['COMPUTER_SOFTWARE', 'Software'],
    ['INFORMATION_TECHNOLOGY_AND_SERVICES', 'IT Services'],
    ['FINANCIAL_SERVICES', 'Financial Services'],
    ['BANKING', 'Banking'],
    ['LOGISTICS_AND_SUPPLY_CHAIN', 'Logistics'],
    ['TRANSPORTATION_TRUCKING_RAILROAD', 'Logistics'],
    ['HOSPITAL_HEALTH_CARE', 'Healthcare'],
    ['MARKETING_AND_ADVERTISING', 'Marketing & Advertising'],
    ['INTERNET', 'Software'],
    ['RETAIL', 'Retail'],
    ['MACHINERY', 'Manufacturing'],
    ['INDUSTRIAL_AUTOMATION', 'Manufacturing'],
    ['NON_PROFIT_ORGANIZATION_MANAGEMENT', 'Non-profit'],
    ['FOOD_BEVERAGES', 'Food & Beverage'],
    // LinkedIn's labels
    ['Computer Software', 'Software'],
    ['Information Technology & Services', 'IT Services'],
    ['Hospital & Health Care', 'Healthcare'],
    ['Logistics and Supply Chain', 'Logistics'],
    ['Oil & Energy', 'Energy'],
    // Salesforce's picklist
    ['Apparel', 'Retail'],
    ['Biotechnology', 'Pharmaceuticals'],
    ['Chemicals', 'Manufacturing'],
    ['Communications', 'Telecommunications'],
    ['Electronics', 'Hardware'],
    ['Engineering', 'Consulting'],
    ['Entertainment', 'Media'],
    ['Finance', 'Financial Services'],
    ['Not For Profit', 'Non-profit'],
    ['Recreation', 'Hospitality'],
    ['Shipping', 'Logistics'],
    ['Technology', 'Software'],
    ['Utilities', 'Energy'],
    ['Environmental', undefined],
    ['Other', undefined],
    // Dynamics and Zoho
    ['Accounting', 'Financial Services'],
    ['ASP (Application Service Provider)', 'SaaS'],
    ['Data/Telecom OEM', 'Telecommunications'],
    ['ERP (Enterprise Resource Planning)', 'Software'],
    ['Management ISV', 'Software'],
    ['MSP (Management Service Provider)', 'IT Services'],
    ['Network Equipment Enterprise', 'Hardware'],
    ['Non-management ISV', 'Software'],
    ['Optical Networking', 'Telecommunications'],
    ['Service Provider', 'IT Services'],
    ['Small/Medium Enterprise', undefined],
    ['Storage Equipment', 'Hardware'],
    ['Storage Service Provider', 'IT Services'],
    ['Systems Integrator', 'IT Services'],
    ['Wireless Industry', 'Telecommunications'],
    // the vocabulary's own words, other spellings, other languages
    ['saas', 'SaaS'],
    ['Software as a Service', 'SaaS'],
    ['E-commerce', 'E-commerce'],
    ['Ecommerce', 'E-commerce'],
    ['Online retail', 'E-commerce'],
    ['FINTECH', 'Fintech'],
    ['Financial Technology', 'Fintech'],
    ['food & beverage', 'Food & Beverage'],
    ['Logiciel', 'Software'],
    ['Logistik', 'Logistics'],
    ['Logística', 'Logistics'],
    ['Banque', 'Banking'],
    ['Versicherung', 'Insurance'],
    ['Seguros', 'Insurance'],
    ['Santé', 'Healthcare'],
    ['Gesundheitswesen', 'Healthcare'],
    ['Salud', 'Healthcare'],
    ['Industrie', 'Manufacturing'],
    ['Fertigung', 'Manufacturing'],
    ['Wholesale', undefined],
    ['', undefined],
  ])('%s → %s', (raw, expected) => {
    expect(industryFromText(raw)?.value).toBe(expected);
  });

  it('says why, quoting the host’s value', () => {
    expect(industryFromText('COMPUTER_SOFTWARE')).toEqual({ value: 'Software', because: '“COMPUTER_SOFTWARE” on the record, as Software' });
  });

  it('marks a value read from its words, not the table, as a guess', () => {
    expect(industryFromText('Enterprise Software')).toEqual({
      value: 'Software',
      because: '“Enterprise Software” on the record, as Software',
      guess: true,
    });
  });
});

describe('companyFromEmail', () => {
  it.each<[string, string | undefined]>([
    ['ana@vantage-freight.co.uk', 'Vantage Freight'],
    ['ceo@acmecorp.com', 'Acmecorp'],
    ['dana.lee@eu.northwind.com', 'Northwind'],
    ['j.meyer@mail.brandt-logistik.de', 'Brandt Logistik'],
    ['claire@maison-dupont.fr', 'Maison Dupont'],
    ['lucia@grupo-norte.com.mx', 'Grupo Norte'],
    ['tom@harbour-foods.com.au', 'Harbour Foods'],
    ['kai@kessler-gmbh.de', 'Kessler'],
    ['ops@dhl.com', 'DHL'],
    ['founder@lumen.io', 'Lumen'],
    // free mail
    ['someone@gmail.com', undefined],
    ['someone@googlemail.com', undefined],
    ['someone@yahoo.co.uk', undefined],
    ['someone@yahoo.com.ar', undefined],
    ['someone@hotmail.fr', undefined],
    ['someone@outlook.de', undefined],
    ['someone@gmx.at', undefined],
    ['someone@web.de', undefined],
    ['someone@orange.fr', undefined],
    ['someone@telefonica.net', undefined],
    ['someone@proton.me', undefined],
    ['someone@icloud.com', undefined],
    // academic and government
    ['prof@stanford.edu', undefined],
    ['tutor@ox.ac.uk', undefined],
    ['agent@dgfip.finances.gouv.fr', undefined],
    ['funcionario@hacienda.gob.es', undefined],
    ['officer@epa.gov', undefined],
    ['student@uni-heidelberg.de', undefined],
    ['not an email', undefined],
  ])('%s → %s', (email, expected) => {
    expect(companyFromEmail(email)?.value).toBe(expected);
  });

  it('is always a guess, and says from which domain', () => {
    expect(companyFromEmail('ana@vantage-freight.co.uk')).toEqual({
      value: 'Vantage Freight',
      because: 'a guess from the email domain (vantage-freight.co.uk)',
      guess: true,
    });
  });

  it('lists the free mail providers the brief names', () => {
    for (const domain of ['gmail.com', 'yahoo.fr', 'ymail.com', 'msn.com', 'me.com', 'mac.com', 'aol.com', 'protonmail.com', 'gmx.ch', 't-online.de', 'freenet.de', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'laposte.net', 'movistar.es', 'terra.es', 'mail.ru', 'zoho.com', 'fastmail.com', 'hey.com', 'qq.com', '163.com']) {
      expect(FREE_MAIL_DOMAINS.has(domain), domain).toBe(true);
    }
  });
});

describe('every derivation, on anything', () => {
  const junk = Array.from({ length: 10_000 }, (_, i) => 'a1 ,.+-€$@\n\u00a0ß(é)'[(i * 7919) % 18]).join('');
  const inputs: unknown[] = ['', '   ', junk, `${'9'.repeat(5000)}@${'x.'.repeat(2000)}de`, '\u0000\uffff', null, undefined, 42, {}];
  const all = [
    seniorityFromTitle,
    departmentFromTitle,
    countryFromAddress,
    countryFromPhone,
    countryFromDomain,
    employeesFromText,
    revenueFromText,
    industryFromText,
    companyFromEmail,
  ] as Array<(input: string) => unknown>;

  it.each(all.map((fn) => [fn.name, fn] as const))('%s never throws', (_name, fn) => {
    for (const input of inputs) expect(() => fn(input as string)).not.toThrow();
    for (const input of ['', '   ', null, undefined, 42]) expect(fn(input as string)).toBeUndefined();
  });

  it('stays fast on long junk', () => {
    const started = performance.now();
    for (let i = 0; i < 20; i++) for (const fn of all) fn(junk);
    // Generous: these run on every page view, and a regular expression gone quadratic would take seconds.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
