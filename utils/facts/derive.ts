/**
 * The facts a sales person derives from what a record or a signature already says: seniority and
 * department from a title, a country from an address, a phone number or an email domain, a
 * headcount or a revenue from the way hosts write them, an industry from a host's own value and
 * a company name guessed from an email domain.
 *
 * Pure functions, no DOM, no Node APIs, no I/O: they run in the extension's background, in the
 * sidebar and on the server, on every page view, so each is a few precompiled regular
 * expressions over a bounded slice of its input, and none of them throws (anything unreadable
 * gives undefined, and the caller keeps what the host had).
 *
 * Words are matched on a folded copy of the text (lower case, no accents, ß → ss, every run of
 * other characters one space), so "Geschäftsführerin" and "GESCHAFTSFUHRERIN" look alike, and
 * "Co-Founder", "IT-Leiter" and "Chargé(e) d'affaires" become "co founder", "it leiter" and
 * "charge e d affaires". German words a title keeps meeting are also read in their ASCII
 * spelling ("Geschaeftsfuehrer", "Gruenderin", "Einkaeufer"); ae/oe/ue are not folded in general,
 * as "Revenue" and "Queue" would break.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { COUNTRY_CODES, countryCode, INDUSTRIES, type Department, type Industry, type Seniority } from './vocabulary';

/** A derived value and why, in words a rep reads after the value, e.g. "from the title “Head of Procurement”". */
export interface Derived<T> {
  value: T;
  because: string;
  /** Set when the value is a guess a rep should confirm (a company name from a domain). */
  guess?: boolean;
}

/** Titles, industries and emails are short; anything longer is junk, and reading less keeps every call fast. */
const MAX_SHORT = 300;
/** Addresses, headcounts and revenues can carry a little more text around the value. */
const MAX_LONG = 1000;

/** The folded copy of a text, padded with a space each side (see the header). */
function fold(text: string, max = MAX_SHORT): string {
  const folded = text
    .slice(0, max)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/geschaeftsfuehr|gruender|praesident|kaeufer|oeffentlich|beschaeftig/g, (word) => word.replace(/([aou])e/g, '$1'))
    .trim();
  return folded ? ` ${folded} ` : '';
}

/** The title as the rep wrote it, on one line and not too long to read in a “because”. */
function quoted(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > 120 ? `${clean.slice(0, 119)}…` : clean;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

// ---------------------------------------------------------------------------------------------
// Seniority
// ---------------------------------------------------------------------------------------------

/**
 * Someone who assists, or writes for, a person is not that person: "Assistant to the CEO",
 * "Assistante de direction", "Asistente de Dirección General", "Assistenz der Geschäftsführung",
 * "Vorstandsreferentin", "EA to the Founder". An assistant word directly followed by a
 * preposition, or at the end of a German compound, pins the title to an individual contributor
 * whatever senior word follows. "Assistant Director" and "Assistant Vice President" are ranks,
 * not assistants, and are left to the other rules.
 */
const ASSISTS_SOMEONE = [
  /\b(?:assistant|assistante|assistent|assistentin|assistenz|asistente|secretary|secretaire|secretaria|sekretar|sekretarin|ea|pa) (?:to|of|for|au|aux|a|al|de|du|des|del|der|la)\b/,
  /\b[a-z0-9]+(?:assistent|assistentin|assistenz|referent|referentin)\b/,
];

/**
 * Phrases rewritten before the level words are read, each because a word in it would otherwise
 * mislead:
 * - "to the CEO" names whom the person serves, not their level ("Chief of Staff to the CEO");
 * - "Vice President" (any language) is a VP, never the "President" it contains;
 * - "Product Owner" and the like are roles in a team, never the owner of the company;
 * - "Founder's Associate" assists the founders;
 * - "General Counsel" is a lawyer, so "Director, General Counsel" is not "Director General";
 * - "Chief of Staff" is a senior role beside an executive, not an executive: Director;
 * - team and project leads are first-line managers in every language: "Teamleiter",
 *   "Gruppenleiter", "Projektleiter", "Chef de projet", "Chef de produit", "Chef d'équipe",
 *   "Jefe de proyecto", "Jefe de equipo", "Responsable d'équipe", "Team Lead" → Manager, although
 *   "Leiter", "Chef de", "Jefe de" and "Responsable" otherwise name the head of a function.
 */
const SENIORITY_REWRITES: Array<[RegExp, string]> = [
  [
    / (?:to|for|au|aupres du|aupres de la)(?: the| la| le)? (?:ceo|cfo|cto|coo|cmo|cro|cio|founders?|co founders?|president|chairman|managing director|general manager|chief executive(?: officer)?|board|executive board|executive team|pdg|c suite)\b/g,
    ' ',
  ],
  [/\b(?:vice|vize) ?(?:president|presidente|presidenta|prasident|prasidentin)\b/g, ' vp '],
  [/\b(?:product|process|service|data|system|application|budget|risk|control|account|business process) owner\b/g, ' ic '],
  [/\bfounder s associate\b|\bfounders associate\b/g, ' associate '],
  [/\bgeneral counsel\b/g, ' counsel '],
  [/\bchief of staff\b/g, ' director '],
  [
    /\b(?:team|gruppen|projekt|schicht|bau)(?:leiter|leiterin|leitung)\b|\bteam ?leitung\b|\bteam ?lead(?:er)?\b|\bteam leiter(?:in)?\b/g,
    ' manager ',
  ],
  [/\bchef(?:fe)? (?:de|d) (?:projet|projets|produit|produits|equipe|secteur|rayon|chantier|mission|missions|groupe|agence)\b/g, ' manager '],
  [/\b(?:jefe|jefa) de (?:proyecto|proyectos|equipo|producto|zona|seccion|turno|grupo|obra|tienda)\b/g, ' manager '],
  [
    /\bresponsable (?:d|de|du) (?:equipe|projet|projets|secteur|rayon|agence|magasin|equipo|proyecto|proyectos|zona|tienda|compte|comptes|cuenta|cuentas)\b/g,
    ' manager ',
  ],
];

/**
 * The words of each level, most senior first; the first level with a word in the title wins,
 * so "Founder & Head of Growth" is C-level and "Senior Manager" stays a Manager (adjectives
 * like Senior, Principal or Lead never move a title).
 *
 * Decisions where usage differs:
 * - "Managing Director", "Director General", "Directeur général", "Director Ejecutivo",
 *   "Executive Director", "General Manager" and "Gerente General" run the company (UK, French
 *   and Spanish usage; in banks these are also ranks, but the rep cannot tell which) → C-level;
 * - "Gérant(e)" (French) runs the company → C-level; "Gerente" (Spanish) is a manager;
 * - "Responsable" (French and Spanish) names the person answerable for a whole function
 *   ("Responsable des achats", "Responsable de compras") → Head, except the team, project,
 *   shop and account forms rewritten to Manager above;
 * - "-leiter" compounds ("Bereichsleiter", "Vertriebsleiter", "Leiter Einkauf") → Head, except
 *   team, group and project leads (Manager, above); "Geschäftsleiter" (Swiss usage) → C-level;
 * - "Account Manager", "Product Manager" and other "… Manager" titles → Manager: the title says
 *   so and a rep filters on what the title says;
 * - Board members ("Vorstand", "Mitglied der Geschäftsführung", "Board Member", "Non-Executive
 *   Director") → C-level: they decide with the executives, and a rep treats them so;
 * - "DAF", "DRH", "DSI" are French for finance, HR and IT directors → Director.
 */
const SENIORITY_RULES: Array<[Seniority, RegExp]> = [
  [
    'C-level',
    /\b(?:ceo|cfo|cto|coo|cmo|cro|cio|ciso|cpo|cdo|chro|cxo|pdg|p dg|chief(?: [a-z0-9]+){1,4} officer|chief executive|founder|cofounder|co founder|founding partner|managing partner|senior partner|equity partner|general partner|owner|co owner|coowner|president|presidente|presidenta|prasident|prasidentin|chairman|chairwoman|chairperson|board member|member of the board|managing director|general manager|executive director|(?:director|directora|directeur|directrice) (?:general|generale|ejecutivo|ejecutiva)|gerente general|consejero delegado|consejera delegada|[a-z]*geschaftsfuhrer(?:in)?|geschaftsfuhrende[rn]?|geschaftsfuhrung|geschaftsleiter(?:in)?|geschaftsleitung|[a-z]*vorstand[a-z]*|vorsitzende[rn]?|inhaber(?:in)?|grunder(?:in)?|mitgrunder(?:in)?|gesellschafter(?:in)?|fondateur|fondatrice|cofondateur|cofondatrice|gerant|gerante|dirigeant|dirigeante|fundador|fundadora|cofundador|cofundadora|propietario|propietaria|dueno|duena|socio (?:fundador|director)|socia (?:fundadora|directora))\b/,
  ],
  ['VP', /\b(?:vp|vps|svp|evp|avp|gvp|rvp)\b/],
  ['Head', /\b(?:head|heads|[a-z]*leiter|[a-z]*leiterin|[a-z]*leitung|responsable|responsables|jefe|jefa|chef (?:de|du|des|d)|hoofd)\b/],
  ['Director', /\b(?:director|directora|directors|directeur|directrice|direktor|direktorin|daf|drh|dsi)\b/],
  ['Manager', /\b(?:manager|managerin|managers|mgr|gerente|supervisor|supervisora|superviseur|superviseuse|encargado|encargada)\b/],
  [
    'Individual contributor',
    /\b(?:ic|engineer|engineers|ingenieur|ingenieure|ingenieurin|ingeniero|ingeniera|developer|[a-z]*entwickler(?:in)?|developpeur|developpeuse|desarrollador|desarrolladora|programmer|programmierer(?:in)?|analyst|analystin|analyste|analista|specialist|spezialist|spezialistin|specialiste|especialista|associate|representative|rep|representante|account executive|executive|ejecutivo|ejecutiva|sdr|bdr|consultant|consultante|consultor|consultora|[a-z]*berater(?:in)?|assistant|assistante|assistent|assistentin|assistenz|asistente|coordinator|coordinador|coordinadora|coordinateur|coordinatrice|koordinator|koordinatorin|[a-z]*sachbearbeiter(?:in)?|referent|referentin|charge|chargee|tecnico|tecnica|technicien|technicienne|techniker|technikerin|technician|agent|agente|officer|administrator|administrateur|administratrice|administrativo|administrativa|accountant|comptable|contable|[a-z]*buchhalter(?:in)?|buyer|acheteur|acheteuse|comprador|compradora|einkaufer(?:in)?|designer|architect|scientist|researcher|recruiter|intern|praktikant|praktikantin|stagiaire|becario|becaria|trainee|werkstudent|werkstudentin|alternant|alternante|[a-z]*mitarbeiter(?:in)?|[a-z]*kaufmann|[a-z]*kauffrau|commercial|commerciale|comercial|vendeur|vendeuse|vendedor|vendedora|verkaufer(?:in)?|salesperson|conseiller|conseillere|asesor|asesora|auxiliar|gestionnaire|clerk|secretary|secretaire|secretaria|attache|attachee|delegue|deleguee)\b/,
  ],
];

/** The seniority a title states, in English, French, German or Spanish. */
export function seniorityFromTitle(title: string): Derived<Seniority> | undefined {
  if (!isText(title)) return undefined;
  let t = fold(title);
  if (!t) return undefined;
  const because = `from the title “${quoted(title)}”`;
  if (ASSISTS_SOMEONE.some((re) => re.test(t))) return { value: 'Individual contributor', because };
  for (const [re, by] of SENIORITY_REWRITES) t = t.replace(re, by);
  for (const [value, re] of SENIORITY_RULES) if (re.test(t)) return { value, because };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Department
// ---------------------------------------------------------------------------------------------

/**
 * Functions, checked in this order; the first that the title names wins. Phrases that contain
 * another function's word come first ("Sales Operations" is Revenue Operations, "Sales Engineer"
 * and "Account Manager" are Sales, "Product Marketing" and "Media Buyer" are Marketing, "IT
 * Support" is IT), then the narrow functions before the broad ones (Procurement before
 * Operations, IT before Engineering), and Executive last: a title that names a function and a
 * top role is the function's ("CFO" → Finance, "Managing Director Sales" → Sales).
 *
 * Short words: "IT" counts only written in capitals (checked on the raw title, below), "People"
 * only as the name of a function ("Head of People", "People & Culture"), German "Personal" only
 * in compounds ("Personalleiterin") or after "Leiter", never the English adjective.
 * "CPO" is read as Chief Product Officer, the common sense in software; procurement and people
 * chiefs are counted when written out.
 */
const DEPARTMENT_RULES: Array<[Department, RegExp]> = [
  [
    'Revenue Operations',
    /\b(?:revops|rev ops|revenue operations|revenue ops|sales operations|sales ops|salesops|marketing operations|marketing ops|gtm operations|go to market operations|commercial operations|sales and marketing operations|sales excellence|vertriebssteuerung|salesforce admin|salesforce administrator|crm administrator)\b/,
  ],
  [
    'Sales',
    /\b(?:sales engineer|sales engineering|solutions? engineer|presales|pre sales|sales support|account executive|account manager|account management|account director|key account|key accounts|business development|business developer|geschaftsentwicklung|desarrollo de negocios?|developpement commercial|ingenieur commercial|ingenieure commerciale|ingenieur d affaires|charge e? ?d affaires|chargee d affaires|ingeniero comercial|ingeniera comercial|chief commercial officer|chief revenue officer|inside sales)\b/,
  ],
  ['Marketing', /\b(?:product marketing|media buyer|media buying|customer marketing|partner marketing|marketing support)\b/],
  ['IT', /\b(?:it support|desktop support|help ?desk|service desk|chief information officer|chief information security officer|chief security officer)\b/],
  ['Procurement', /\b(?:chief procurement officer)\b/],
  ['Human Resources', /\b(?:chief people officer|chief human resources officer)\b/],
  ['Customer Success', /\b(?:chief customer officer)\b/],
  [
    'Legal',
    /\b(?:legal|counsel|lawyer|attorney|paralegal|juridique|juridico|juridica|abogado|abogada|avocat|avocate|[a-z]*anwalt|[a-z]*anwaltin|recht|rechts[a-z]*|justiziar|justiziarin|syndikus[a-z]*|compliance|clo|chief legal officer|asesoria juridica)\b/,
  ],
  [
    'Human Resources',
    /\b(?:hr|hrbp|rh|rrhh|drh|chro|human resources?|ressources humaines|recursos humanos|people operations|people ops|people and culture|people culture|people partner|people business partner|people experience|people team|(?:head|vp|svp|evp|director|chief|leiter|leiterin|directeur|directrice|responsable) (?:of )?people|talent|talents|recruiting|recruitment|recruiter|recruteur|recrutement|reclutamiento|seleccion|personal(?:abteilung|leiter|leiterin|leitung|referent|referentin|wesen|entwicklung|management|sachbearbeiter|sachbearbeiterin|chef|chefin|berater|beraterin|wirtschaft)|(?:leiter|leiterin|leitung|head of) personal|payroll|paie|nomina|compensation|learning and development|formation|formacion)\b/,
  ],
  [
    'Procurement',
    /\b(?:procurement|purchasing|purchaser|buyer|buyers|einkauf[a-z]*|beschaffung[a-z]*|achat|achats|acheteur|acheteuse|acheteurs|compras|comprador|compradora|sourcing|supplier management|vendor management)\b/,
  ],
  [
    'Finance',
    /\b(?:finance|finances|financial|finanz[a-z]*|finanzas|financiero|financiera|financier|financiere|cfo|daf|controlling|controller|controllerin|controleur de gestion|controle de gestion|[a-z]*buchhaltung|rechnungswesen|[a-z]*buchhalter|[a-z]*buchhalterin|accounting|accountant|accounts payable|accounts receivable|comptabilite|comptable|contabilidad|contable|treasury|treasurer|tresorerie|tesoreria|tesorero|fp a|tax|steuern|fiscal|fiscalite|audit|auditor|billing|facturation|facturacion|investor relations)\b/,
  ],
  [
    'Customer Success',
    /\b(?:customer success|client success|customer service|customer services|customer support|customer care|customer experience|client services|technical support|service client|service clients|relation client|relations clients|experience client|support client|atencion al cliente|servicio al cliente|exito del cliente|kundenservice|kundendienst|kundenbetreuung|kundenerfolg|customer onboarding)\b/,
  ],
  [
    'Sales',
    /\b(?:sales|vertrieb[a-z]*|verkauf[a-z]*|ventas|venta|ventes|vente|commercial|commerciale|commerciaux|comercial|comerciales|bdr|sdr|bdm|kam|aussendienst[a-z]*|innendienst[a-z]*|vendeur|vendeuse|vendedor|vendedora|channel|partnerships|alliances|revenue|cro|grands comptes|grandes cuentas)\b/,
  ],
  [
    'Marketing',
    /\b(?:marketing|marketer|growth|demand gen|demand generation|brand|branding|communications?|[a-z]*kommunikation|comunicacion|comunicaciones|public relations|pr|content|seo|sem|social media|cmo|dircom|events|mercadotecnia|mercadeo|werbung|publicite|publicidad|campaigns?|lifecycle)\b/,
  ],
  [
    'Product',
    /\b(?:products?|produkt(?!ion)[a-z]*|produit|produits|producto|productos|cpo|chief product officer|ux|user experience|product design)\b/,
  ],
  [
    'IT',
    /\b(?:cio|ciso|information technology|information systems|information security|infosec|informatique|informatica|informatik|sistemas|systemes d information|si|dsi|edv|infrastructure|infrastruktur|infraestructura|security|cybersecurity|cyber security|securite|seguridad|sicherheit|network|networks|netzwerk|reseau|reseaux|redes|sysadmin|systems? administrator|systemadministrator[a-z]*)\b/,
  ],
  [
    'Engineering',
    /\b(?:engineering|engineer|engineers|software|developer|developers|development|devops|sre|[a-z]*entwicklung|[a-z]*entwickler|[a-z]*entwicklerin|forschung|r d|rnd|research and development|i d|i d i|recherche et developpement|cto|chief technology officer|technology|technologie|tecnologia|ingenieur|ingenieure|ingenieurin|ingeniero|ingeniera|ingenieria|ingenierie|developpement|developpeur|developpeuse|desarrollo|desarrollador|desarrolladora|programmer|programmierer|qa|quality assurance|architect|frontend|backend|full stack|fullstack|tech lead)\b/,
  ],
  ['Customer Success', /\b(?:support|soporte|kundensupport)\b/],
  [
    'Operations',
    /\b(?:operations|operation|operational|operating|ops|coo|betrieb|betriebsleiter[a-z]*|betriebsleitung|operaciones|operacion|logistics|logistic|logistique|logistik|logistica|supply chain|lieferkette|cadena de suministro|chaine logistique|warehouse|lager[a-z]*|entrepot|almacen|fulfillment|fulfilment|transport|transportation|fleet|facility|facilities|production|produktion|produccion|manufacturing|fertigung|plant|werksleiter[a-z]*|usine|planta|quality|qualitat|qualite|calidad)\b/,
  ],
  [
    'Executive',
    /\b(?:ceo|chief executive|founder|founders|cofounder|co founder|owner|co owner|president|presidente|presidenta|prasident|prasidentin|chairman|chairwoman|chairperson|managing director|general manager|executive director|(?:director|directora|directeur|directrice) (?:general|generale|ejecutivo|ejecutiva)|gerente general|consejero delegado|consejera delegada|[a-z]*geschaftsfuhrer[a-z]*|geschaftsfuhrende[rn]?|geschaftsfuhrung|geschaftsleiter[a-z]*|geschaftsleitung|[a-z]*vorstand[a-z]*|inhaber|inhaberin|gesellschafter|gesellschafterin|grunder|grunderin|mitgrunder[a-z]*|fondateur|fondatrice|cofondateur|cofondatrice|pdg|p dg|gerant|gerante|dirigeant|dirigeante|fundador|fundadora|cofundador|cofundadora|propietario|propietaria|chief of staff|managing partner|founding partner|board member|member of the board)\b/,
  ],
];

/** "IT" in capitals as a word of its own ("Head of IT", "IT-Leiter"), never the English "it". */
const IT_IN_CAPITALS = /(?:^|[^\p{L}\p{N}])IT(?:$|[^\p{L}\p{N}])/u;

const DEPARTMENT_REWRITES: Array<[RegExp, string]> = [
  // As for seniority: a vice-president is not the president, a product owner does not own the company.
  [/\b(?:vice|vize) ?(?:president|presidente|presidenta|prasident|prasidentin)\b/g, ' vp '],
  [/\b(product|process|service|data|system|application|budget|risk|control|account) owner\b/g, ' $1 '],
  [/\bgeneral counsel\b/g, ' counsel '],
];

/** The department a title names, in English, French, German or Spanish. */
export function departmentFromTitle(title: string): Derived<Department> | undefined {
  if (!isText(title)) return undefined;
  let t = fold(title);
  if (!t) return undefined;
  for (const [re, by] of DEPARTMENT_REWRITES) t = t.replace(re, by);
  const because = `from the title “${quoted(title)}”`;
  const itInCapitals = IT_IN_CAPITALS.test(title.slice(0, MAX_SHORT));
  for (const [value, re] of DEPARTMENT_RULES) {
    // IT written in capitals ranks where the other IT words do: after Sales, Marketing and
    // Product ("IT Sales Manager" is Sales), before Engineering ("IT Engineer" is IT).
    if (value === 'Engineering' && itInCapitals) return { value: 'IT', because };
    if (re.test(t)) return { value, because };
  }
  return itInCapitals ? { value: 'IT', because } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Country from an address
// ---------------------------------------------------------------------------------------------

/** US states and DC by postal abbreviation and name (territories have ISO codes of their own). */
const US_STATES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
};
const US_STATE_NAMES = new Set(Object.values(US_STATES).map((name) => name.toLowerCase()));

/**
 * A state and a ZIP code at the end of a line or before the country: "Atlanta, GA 30303",
 * "Austin, Texas 78701-1234". The ZIP must end the line (or be followed by a comma or the
 * country) so that "DE 80331 München" style European notation is never read as Delaware.
 */
const ZIP_AT_END = String.raw`\s*,?\s+\d{5}(?:-\d{4})?(?=\s*(?:$|[,;]|USA\b|U\.S\.|United States))`;
/** An abbreviation only in capitals ("ga 30303" is not Georgia), a name in any case. */
const US_ABBREVIATION_ZIP = new RegExp(String.raw`\b(?:${Object.keys(US_STATES).join('|')})${ZIP_AT_END}`, 'm');
const US_NAME_ZIP = new RegExp(String.raw`\b(?:${Object.values(US_STATES).join('|')})${ZIP_AT_END}`, 'mi');

/** Canadian postcodes "K1A 0B1": letter digit letter, digit letter digit, letters D F I O Q U never used. */
const CANADA_POSTCODE = /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b/;

/**
 * UK postcodes "EC1R 0AA", "M17 1RT", "SW1A 2AA": a known postcode area, then the district, then
 * the inward code (digit and two letters, never C I K M O V). Guernsey, Jersey and the Isle of
 * Man (GY, JE, IM) have ISO codes of their own and are left out.
 */
const UK_AREAS =
  'AB|AL|B|BA|BB|BD|BH|BL|BN|BR|BS|BT|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|E|EC|EH|EN|EX|FK|FY|G|GL|GU|HA|HD|HG|HP|HR|HS|HU|HX|IG|IP|IV|KA|KT|KW|KY|L|LA|LD|LE|LL|LN|LS|LU|M|ME|MK|ML|N|NE|NG|NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|S|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|TW|UB|W|WA|WC|WD|WF|WN|WR|WS|WV|YO|ZE';
const UK_POSTCODE = new RegExp(String.raw`\b(?:${UK_AREAS})\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b`);

/**
 * Dutch postcodes "1016 BR Amsterdam": four digits, two capitals, then the town, at the start of
 * a line or after a comma. SA, SD and SS are never issued; NE, NW, SE and SW are left out too,
 * as "1200 NW Broadway" is an American street number and direction.
 */
const DUTCH_POSTCODE = /(?:^|,)\s*[1-9]\d{3} ?(?!S[ADS]\b|N[EW]\b|S[EW]\b)[A-Z]{2}\s+\p{Lu}/mu;

/**
 * "Georgia" alone is the US state as often as the country; it is read as the country only
 * beside a Georgian city. (Géorgie and Georgien are unambiguous and go through countryCode.)
 */
const GEORGIAN_CITIES = /\b(?:tbilisi|tiflis|batumi|kutaisi|rustavi|zugdidi)\b/;

/** A postcode first, then the town: European order ("10117 Berlin"), never American. */
const POSTCODE_FIRST = /^\s*(?:[A-Z]{1,2}-)?\d{4,5}\s+\p{L}/u;

/**
 * The country an address names. Read in order: the last line's last comma-separated part as a
 * country (in English, French, German or Spanish, or its ISO code), then a US state with its ZIP
 * code, then the postcode shapes only one country uses (Canada, the UK, the Netherlands). A bare
 * five-digit postcode says nothing: Germany, France, Spain, Italy and the US all use them.
 */
export function countryFromAddress(address: string): Derived<string> | undefined {
  if (!isText(address)) return undefined;
  const text = address.length > MAX_LONG ? address.slice(-MAX_LONG) : address;
  const lines = text
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter(Boolean);
  const lastLine = lines.at(-1);
  if (!lastLine) return undefined;
  const parts = lastLine
    .split(/[,;|•·]/)
    .map((part) => part.replace(/^[\s(.\-–]+|[\s).\-–]+$/g, ''))
    .filter(Boolean);
  const last = parts.at(-1) ?? '';
  const before = parts.length > 1 ? parts.at(-2) : lines.at(-2);
  const named = countryNamed(last, before ?? '', text);
  if (named === null) return undefined;
  if (named) return { value: named, because: 'from the address' };

  if (US_ABBREVIATION_ZIP.test(text) || US_NAME_ZIP.test(text)) return { value: 'US', because: 'from the address’s postcode' };
  if (CANADA_POSTCODE.test(text)) return { value: 'CA', because: 'from the address’s postcode' };
  if (UK_POSTCODE.test(text)) return { value: 'GB', because: 'from the address’s postcode' };
  if (DUTCH_POSTCODE.test(text)) return { value: 'NL', because: 'from the address’s postcode' };
  return undefined;
}

/**
 * The country a part of an address names; null when it names something ambiguous (so that no
 * postcode overrides it either); undefined when it names no country.
 */
function countryNamed(part: string, before: string, whole: string): string | undefined | null {
  if (!part) return undefined;
  if (/^[A-Z]{2}$/.test(part) && part in US_STATES) {
    // "Wilmington, DE" is Delaware, "10117 Berlin, DE" is Germany: only the postcode-first
    // European order settles it. Otherwise fall through to the ZIP code, if any.
    if (COUNTRY_CODES.includes(part) && POSTCODE_FIRST.test(before)) return part;
    return COUNTRY_CODES.includes(part) ? undefined : 'US';
  }
  const folded = fold(part).trim();
  if (folded === 'georgia') return GEORGIAN_CITIES.test(fold(whole, MAX_LONG)) ? 'GE' : null;
  if (US_STATE_NAMES.has(folded)) return 'US';
  const code = countryCode(part);
  if (code) return code;
  // "75008 Paris France", "London SW1A 1AA United Kingdom": the country as the last words.
  const words = part.split(/\s+/);
  if (!/^\p{L}/u.test(words.at(-1) ?? '')) return undefined;
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const tail = words.slice(-n).join(' ');
    const tailFolded = fold(tail).trim();
    if (tailFolded === 'georgia' || tailFolded === 'jersey' || tailFolded === 'mexico') continue; // New Jersey, New Mexico
    const found = countryCode(tail);
    if (found) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Country from a phone number
// ---------------------------------------------------------------------------------------------

/**
 * The country of a number written in international form ("+49 30 …", "0049 30 …",
 * "(+44) 20 …"). A national number ("030 1234567", "(415) 555-0132") names no country, so it
 * gives none. Where one calling code serves several countries (+1 for the US, Canada and the
 * Caribbean, +7, +44 …) libphonenumber tells them apart by the area code.
 */
export function countryFromPhone(phone: string): Derived<string> | undefined {
  if (!isText(phone)) return undefined;
  try {
    const s = phone.slice(0, 80);
    const start = s.search(/[+\d(]/);
    if (start < 0) return undefined;
    let rest = s.slice(start).replace(/^\(\s*(\+|00)/, '$1');
    if (/^00\s*[1-9]/.test(rest)) rest = `+${rest.slice(2)}`;
    if (!/^\+\s*[1-9]/.test(rest)) return undefined;
    const parsed = parsePhoneNumberFromString(rest);
    const country = parsed?.country;
    if (!parsed || !country) return undefined;
    const code = parsed.countryCallingCode;
    const because =
      code === '1'
        ? `from the phone number’s country and area code (+1 ${parsed.nationalNumber.slice(0, 3)})`
        : `from the phone number’s country code (+${code})`;
    return { value: country, because };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Country from an email domain
// ---------------------------------------------------------------------------------------------

/**
 * Country-code endings sold worldwide as generic ones, so they say nothing about where a company
 * is: .io (tech), .co (company), .ai (AI), .me (personal), .tv (video), .fm and .am (radio,
 * podcasts), .ly and .to (short links), .cc, .ws ("website"), .gg (gaming), .sh (developer tools),
 * .so, .la (Los Angeles), .nu ("now"), .tk .ml .ga .cf .gq (given away free), .vc (venture
 * capital), .ms, .gl, .sc, .bz (business), .md (medical), .cx, .im (messaging), .pw, .st, .ag
 * (German AGs, agriculture), .ac (academic). .eu names a union, not a country. Longer endings
 * (.com, .net, .org, .info, .biz, .app, .dev, .xyz …) are never country codes.
 */
const GENERIC_CCTLDS = new Set(
  'io co ai me tv fm am ly to cc ws gg sh so la nu tk ml ga cf gq vc ms gl sc bz md cx im pw st ag ac eu'.split(' '),
);

/** Second-level endings a registry uses under a country code: .co.uk, .com.au, .com.mx, .gob.es. */
const SECOND_LEVEL = new Set(
  'co com net org gov gob gouv govt ac edu ltd plc ne or go nom sch asso biz info firm gen ind mil'.split(' '),
);

/** The lower-case domain of an email address, a domain or a web address; undefined if it is not one. */
function domainOf(input: string): string | undefined {
  let s = input.trim().toLowerCase();
  if (s.length > 320) return undefined;
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  s = s
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#:>\s].*$/, '')
    .replace(/\.+$/, '')
    .replace(/^www\./, '');
  if (s.length > 253) return undefined;
  return /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(s) ? s : undefined;
}

/** How many labels at the end of a domain are the registry's ending: 2 for .co.uk, else 1. */
function suffixLength(labels: readonly string[]): number {
  const tld = labels.at(-1) ?? '';
  return labels.length >= 3 && tld.length === 2 && SECOND_LEVEL.has(labels.at(-2) ?? '') ? 2 : 1;
}

/** The country of an email's (or a domain's) country-code ending: ".de" → DE, ".co.uk" → GB. */
export function countryFromDomain(emailOrDomain: string): Derived<string> | undefined {
  if (!isText(emailOrDomain)) return undefined;
  const domain = domainOf(emailOrDomain);
  if (!domain) return undefined;
  const labels = domain.split('.');
  const tld = labels.at(-1) ?? '';
  const suffix = suffixLength(labels);
  // A generic-use ending still names its country under the registry's own second level (".com.co" is Colombia).
  if (tld.length !== 2 || (GENERIC_CCTLDS.has(tld) && suffix === 1)) return undefined;
  const code = tld === 'uk' ? 'GB' : tld.toUpperCase();
  if (!COUNTRY_CODES.includes(code)) return undefined;
  const ending = `.${labels.slice(-suffix).join('.')}`;
  const what = emailOrDomain.includes('@') ? 'email domain’s' : 'domain’s';
  return { value: code, because: `from the ${what} country ending (${ending})` };
}

// ---------------------------------------------------------------------------------------------
// Employees
// ---------------------------------------------------------------------------------------------

/** An open range ("10,000+") has no upper bound; JSON and the stores need a finite one. */
const NO_UPPER_BOUND = Number.MAX_SAFE_INTEGER;
/** More people than any employer has: a number above this is not a headcount. */
const MAX_EMPLOYEES = 10_000_000;

/**
 * A whole number as hosts write headcounts: "250", "1,001", "1.001", "1 001", "10k", "2.5k".
 * Groups of three after a comma, a dot or a space are thousands in every language here.
 */
const HEADCOUNT = /(\d+(?:[.,]\d+)?)\s*k\b|\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+(?!\d)|\d+/g;
const RANGE_BETWEEN = /^\s*(?:-|to|a|bis|and|et|und|y|~)\s*$/;
const OPEN_AFTER = /^\s*(?:\+|or more\b|and more\b|and above\b|et plus\b|und mehr\b|o mas\b|y mas\b|plus\b)/;
const OPEN_BEFORE = /(?:more than|over|above|greater than|at least|plus de|au moins|mas de|uber|mehr als|mindestens|>=?|≥)\s*$/;
const UP_TO_BEFORE = /(?:less than|fewer than|under|below|up to|moins de|jusqu a|menos de|hasta|weniger als|unter|bis zu|<=?|≤)\s*$/;
const EMPLOYEE_WORD =
  /^\s*(?:employees?|staff|people|persons|personnes|salaries|employes|collaborateurs|mitarbeiter(?:innen)?|mitarbeitende|beschaftigte|angestellte|empleados|trabajadores|personas|headcount|ftes?|team members)\b/;
const SELF_EMPLOYED =
  /\b(?:self[ -]?employed|selbst(?:st)?andig|freelancer?|freiberufler(?:in)?|independant|independante|autonomo|autonoma|sole (?:trader|proprietor(?:ship)?)|just me|only me|einzelunternehmer(?:in)?)\b/;

function headcount(token: string): number {
  const k = /^(\d+)(?:[.,](\d+))?\s*k$/i.exec(token);
  if (k) return Math.round(Number(`${k[1]}.${k[2] ?? '0'}`) * 1000);
  return Number(token.replace(/[^\d]/g, ''));
}

/**
 * A headcount or a headcount range as hosts and people write it, in English, French, German or
 * Spanish: "250", "201-500", "1.001–5.000 Mitarbeiter", "10,000+", "plus de 10 000", "2-10
 * empleados", "Self-employed". An open range has max Number.MAX_SAFE_INTEGER; "more than N"
 * gives min N (the bucket people mean, not N + 1); "fewer than N" gives 1 to N. Where a text has
 * several numbers, the one beside an employee word wins, else the first.
 */
export function employeesFromText(text: string): { min: number; max: number } | undefined {
  if (!isText(text)) return undefined;
  const s = text
    .slice(0, MAX_LONG)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[–—]/g, '-')
    .replace(/_/g, ' - '); // HubSpot-style "_51_200"
  const tokens = [...s.matchAll(HEADCOUNT)].map((m) => ({ value: headcount(m[0]), start: m.index, end: m.index + m[0].length }));
  if (tokens.length === 0) return SELF_EMPLOYED.test(fold(s, MAX_LONG)) ? { min: 1, max: 1 } : undefined;

  const candidates: Array<{ min: number; max: number; end: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const before = s.slice(Math.max(0, token.start - 20), token.start);
    if (next && RANGE_BETWEEN.test(s.slice(token.end, next.start))) {
      candidates.push({ min: token.value, max: next.value, end: next.end });
      i++;
    } else if (OPEN_AFTER.test(s.slice(token.end, token.end + 12)) || OPEN_BEFORE.test(before)) {
      const plus = /^\s*\+/.exec(s.slice(token.end));
      candidates.push({ min: token.value, max: NO_UPPER_BOUND, end: token.end + (plus?.[0].length ?? 0) });
    } else if (UP_TO_BEFORE.test(before)) {
      candidates.push({ min: 1, max: token.value, end: token.end });
    } else {
      candidates.push({ min: token.value, max: token.value, end: token.end });
    }
  }
  const chosen = candidates.find((c) => EMPLOYEE_WORD.test(s.slice(c.end, c.end + 30))) ?? candidates[0]!;
  const { min, max } = chosen;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || max < 1 || min > max) return undefined;
  if (min > MAX_EMPLOYEES || (max > MAX_EMPLOYEES && max !== NO_UPPER_BOUND)) return undefined;
  return { min, max };
}

// ---------------------------------------------------------------------------------------------
// Revenue
// ---------------------------------------------------------------------------------------------

/**
 * Multipliers, longest first, with the convention of the language that writes them: German,
 * French and Spanish ones come with a decimal comma ("1,5 Mio €", "3,5 M€"), English ones with a
 * decimal point ("$3.4M", "€1.2bn"). "Billion" is 10⁹ in English but 10¹² in German ("Billionen")
 * and Spanish ("billones"); "mil millones" and "Milliarde", "Md", "Mrd" are 10⁹.
 */
const MULTIPLIERS: Array<[RegExp, number, boolean]> = [
  [/^mil millones/, 1e9, true],
  [/^(?:milliarden?|milliards?|millardos?|mrd|mds|md)/, 1e9, true],
  [/^(?:billionen|billones|billon)/, 1e12, true],
  [/^(?:billions?|bn|b)/, 1e9, false],
  [/^(?:trillions?|tn)/, 1e12, false],
  [/^(?:millionen|millones|millon|mio|mill)/, 1e6, true],
  [/^(?:millions?|mn|mm|m)/, 1e6, false],
  [/^(?:tausend|tsd|mil)/, 1e3, true],
  [/^(?:thousands?|k)/, 1e3, false],
];
const AMOUNT = /\d+(?:[.,]\d+|[\u00a0\u202f' ]\d{3}(?!\d))*/g;
const CURRENCY_BEFORE = /(?:[$€£¥]|\b(?:usd|eur|gbp|chf|cad|aud|jpy|sek|nok|dkk|mxn)\b)\s*$/;
const CURRENCY_AFTER = /^\s*(?:[$€£¥]|(?:usd|eur|gbp|chf|cad|aud|jpy|sek|nok|dkk|mxn|euros?|dollars?|pounds?|francs?)\b)/;
const REVENUE_RANGE = /^\s*(?:-|to|bis|a|~)\s*[$€£]?\s*\d+(?:[.,]\d+)?\s*/;

/** The multiplier right after an amount ("M", "Mio.", "bn"), if any, and how long it is written. */
function multiplierAt(after: string): { factor: number; decimalComma: boolean; length: number } | undefined {
  const lead = /^\s*/.exec(after)?.[0].length ?? 0;
  const rest = after.slice(lead);
  for (const [re, factor, decimalComma] of MULTIPLIERS) {
    const m = re.exec(rest);
    // A multiplier is a word of its own: "12 bis" is not 12 billion, "5 Mitarbeiter" not 5 million.
    if (m && !/^[a-z]/.test(rest.slice(m[0].length))) {
      const euroAfter = /^\.?\s*€/.test(rest.slice(m[0].length));
      return { factor, decimalComma: decimalComma || euroAfter, length: lead + m[0].length };
    }
  }
  return undefined;
}

/**
 * A written amount as a number. Both separators: the last is the decimal one. One kind several
 * times: thousands. One separator once: thousands when three digits follow and no multiplier
 * does ("$12,000", "12.000 €"); with a multiplier, the writer's convention decides ("1,5 Mio" is
 * 1.5, "1,250M" is 1250).
 */
function amount(raw: string, decimalComma: boolean, hasMultiplier: boolean): number {
  const s = raw.replace(/[\u00a0\u202f' ]/g, '');
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let decimal: string | undefined;
  if (dots && commas) decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  else if (dots + commas === 1) {
    const sep = dots ? '.' : ',';
    const threeAfter = s.length - s.indexOf(sep) - 1 === 3;
    if (!threeAfter) decimal = sep;
    else if (hasMultiplier) decimal = (sep === ',') === decimalComma ? sep : undefined;
  }
  const [whole, fraction] = decimal ? [s.slice(0, s.lastIndexOf(decimal)), s.slice(s.lastIndexOf(decimal) + 1)] : [s, ''];
  return Number(`${whole.replace(/[.,]/g, '')}.${fraction || '0'}`);
}

/**
 * A revenue in the currency's own units, no conversion: "$12,000,000", "12M", "USD 3.4 million",
 * "€1.2bn", "1,5 Mio €", "3,5 M€", "2 Mrd.", "500 k€". A range gives its lower bound ("10-50M" →
 * 10,000,000). Of several numbers, the first with a currency or a multiplier wins ("2023: $12M").
 */
export function revenueFromText(text: string): number | undefined {
  if (!isText(text)) return undefined;
  const s = text.slice(0, MAX_LONG).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[–—]/g, '-');
  let fallback: number | undefined;
  for (const m of s.matchAll(AMOUNT)) {
    const end = m.index + m[0].length;
    let after = s.slice(end, end + 40);
    let mult = multiplierAt(after);
    if (!mult) {
      // "10-50M": the multiplier written once, after the upper bound, applies to both.
      const range = REVENUE_RANGE.exec(after);
      if (range) mult = multiplierAt(after.slice(range[0].length));
    } else {
      after = after.slice(mult.length);
    }
    const currencyAfter = CURRENCY_AFTER.test(after.replace(/^\./, ''));
    const currencyBefore = CURRENCY_BEFORE.test(s.slice(Math.max(0, m.index - 6), m.index));
    const decimalComma = mult?.decimalComma ?? (currencyAfter && /^\s*(?:€|eur)/.test(after));
    const written = amount(m[0], decimalComma, Boolean(mult));
    const value = mult ? Math.round(written * mult.factor) : written;
    if (!Number.isFinite(value) || value < 0 || value > 1e15) continue;
    if (mult || currencyAfter || currencyBefore) return value;
    fallback ??= value;
  }
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// Industry
// ---------------------------------------------------------------------------------------------

/**
 * A host's industry value reduced to its words: "INFORMATION_TECHNOLOGY_AND_SERVICES",
 * "Information Technology & Services" and "information technology and services" all become
 * "information technology services", so one entry serves HubSpot's enum and LinkedIn's label.
 */
function industryKey(text: string): string {
  return fold(text)
    .replace(/ (?:and|et|und|y|the) /g, ' ')
    .replace(/ (?:and|et|und|y|the) /g, ' ')
    .trim();
}

/**
 * Host values → Industry. HubSpot's enum and LinkedIn's labels (one entry serves both, see
 * industryKey), LinkedIn's 2022 labels, Salesforce's standard picklist, Dynamics and Zoho
 * values, and common French, German and Spanish names. Decisions:
 * - "Internet" → Software: it covers online products and platforms; SaaS and E-commerce are kept
 *   for values that say so.
 * - Salesforce "Engineering" → Consulting: engineering-services firms sell expertise by the hour.
 * - Salesforce "Environmental" and HubSpot "Environmental Services" → none (waste and remediation
 *   are not Energy; a fit criterion on Energy must not match them).
 * - "Apparel" and "Luxury Goods" → Retail, "Biotechnology" → Pharmaceuticals, "Chemicals" and
 *   "Machinery" → Manufacturing, "Electronics" and "Semiconductors" → Hardware, "Communications"
 *   and "Wireless" → Telecommunications, "Recreation" and "Restaurants" → Hospitality,
 *   "Accounting" → Financial Services, as the brief for this vocabulary asks.
 * - "Small/Medium Enterprise", "Large Enterprise", "Other" describe no industry → none.
 */
const INDUSTRY_VALUES: Array<[Industry, string[]]> = [
  ['Software', ['Computer Software', 'Software', 'Software Development', 'Internet', 'Computer Games', 'Mobile Games', 'Mobile Gaming Apps', 'Program Development', 'Technology', 'Technology, Information and Internet', 'ERP (Enterprise Resource Planning)', 'ERP', 'Management ISV', 'Non-management ISV', 'ISV', 'Logiciel', 'Logiciels', 'Éditeur de logiciels', 'Édition de logiciels', 'Softwareentwicklung', 'Desarrollo de software']],
  ['SaaS', ['SaaS', 'Software as a Service', 'Software-as-a-Service', 'ASP (Application Service Provider)', 'ASP', 'Application Service Provider', 'Cloud Software']],
  ['Fintech', ['Fintech', 'Financial Technology', 'FinTech', 'Finanztechnologie', 'Technologie financière']],
  ['Financial Services', ['Financial Services', 'Finance', 'Financial', 'Accounting', 'Capital Markets', 'Investment Management', 'Venture Capital & Private Equity', 'Venture Capital and Private Equity Principals', 'Brokers', 'Finanzdienstleistungen', 'Finanzdienstleister', 'Services financiers', 'Servicios financieros', 'Finanzas']],
  ['Banking', ['Banking', 'Investment Banking', 'Banks', 'Bank', 'Banken', 'Bankwesen', 'Banque', 'Banques', 'Banca', 'Bancos', 'Sector bancario']],
  ['Insurance', ['Insurance', 'Versicherung', 'Versicherungen', 'Versicherungswesen', 'Assurance', 'Assurances', 'Seguros', 'Aseguradoras']],
  ['E-commerce', ['E-commerce', 'Ecommerce', 'E-Commerce', 'Online retail', 'Online Retailer', 'Internet Retail', 'Onlinehandel', 'Online-Handel', 'Commerce en ligne', 'Vente en ligne', 'Comercio electrónico']],
  ['Retail', ['Retail', 'Apparel', 'Apparel & Fashion', 'Retail Apparel and Fashion', 'Luxury Goods & Jewelry', 'Sporting Goods', 'Supermarkets', 'Building Supply Retail', 'Entertainment Retail', 'Non-Durable Merchandise Retail', 'Service Retail', 'Einzelhandel', 'Commerce de détail', 'Vente au détail', 'Grande distribution', 'Comercio minorista', 'Venta al por menor']],
  ['Logistics', ['Logistics', 'Logistics and Supply Chain', 'Transportation/Trucking/Railroad', 'Transportation', 'Transportation, Logistics, Supply Chain and Storage', 'Truck Transportation', 'Freight and Package Transportation', 'Package/Freight Delivery', 'Shipping', 'Warehousing', 'Warehousing and Storage', 'Maritime', 'Maritime Transportation', 'Rail Transportation', 'Import and Export', 'Distributors, Dispatchers and Processors', 'Logistik', 'Logistik und Transport', 'Transport und Logistik', 'Spedition', 'Logistique', 'Transport et logistique', 'Logística', 'Transporte', 'Transporte y logística']],
  ['Manufacturing', ['Manufacturing', 'Machinery', 'Machinery Manufacturing', 'Industrial Machinery Manufacturing', 'Automation Machinery Manufacturing', 'Industrial Automation', 'Mechanical or Industrial Engineering', 'Chemicals', 'Chemical Manufacturing', 'Electrical/Electronic Manufacturing', 'Appliances, Electrical, and Electronics Manufacturing', 'Aviation & Aerospace', 'Defense & Space', 'Consumer Goods', 'Furniture', 'Glass, Ceramics & Concrete', 'Packaging and Containers', 'Paper & Forest Products', 'Plastics', 'Textiles', 'Railroad Manufacture', 'Shipbuilding', 'Durable Manufacturing', 'Inbound Capital Intensive Processing', 'Industrie', 'Industrial', 'Fertigung', 'Produktion', 'Maschinenbau', 'Chemie', 'Industrie manufacturière', 'Fabrication', 'Industria', 'Fabricación', 'Manufactura']],
  ['Healthcare', ['Healthcare', 'Health Care', 'Hospital & Health Care', 'Hospitals and Health Care', 'Health, Wellness and Fitness', 'Wellness and Fitness Services', 'Medical Devices', 'Medical Equipment Manufacturing', 'Medical Practice', 'Medical Practices', 'Mental Health Care', 'Alternative Medicine', 'Veterinary', "Doctor's Offices and Clinics", 'Gesundheitswesen', 'Gesundheit', 'Medizintechnik', 'Santé', 'Sanidad', 'Salud']],
  ['Pharmaceuticals', ['Pharmaceuticals', 'Pharmaceutical Manufacturing', 'Biotechnology', 'Biotechnology Research', 'Pharma', 'Pharmazie', 'Pharmaindustrie', 'Industrie pharmaceutique', 'Pharmaceutique', 'Farmacéutica', 'Industria farmacéutica']],
  ['Education', ['Education', 'Education Management', 'E-Learning', 'E-Learning Providers', 'Higher Education', 'Primary/Secondary Education', 'Primary and Secondary Education', 'Professional Training & Coaching', 'Bildung', 'Bildungswesen', 'Éducation', 'Enseignement', 'Formation', 'Educación', 'Enseñanza']],
  ['Government', ['Government', 'Government Administration', 'Government/Military', 'Military', 'Armed Forces', 'Executive Office', 'Legislative Office', 'Judiciary', 'Law Enforcement', 'Public Safety', 'Public Policy', 'International Affairs', 'Public Sector', 'Öffentliche Verwaltung', 'Öffentlicher Dienst', 'Öffentlicher Sektor', 'Administration publique', 'Secteur public', 'Administración pública', 'Sector público', 'Gobierno']],
  ['Non-profit', ['Non-profit', 'Nonprofit', 'Not For Profit', 'Non-Profit Organization Management', 'Non-profit Organizations', 'Civic & Social Organization', 'Fund-Raising', 'Philanthropy', 'Religious Institutions', 'Think Tanks', 'Political Organization', 'Social Services', 'NGO', 'Gemeinnützig', 'Gemeinnützige Organisation', 'Association', 'Organisation à but non lucratif', 'ONG', 'Sin ánimo de lucro', 'Organización sin fines de lucro']],
  ['Telecommunications', ['Telecommunications', 'Communications', 'Wireless', 'Wireless Services', 'Wireless Industry', 'Data/Telecom OEM', 'Optical Networking', 'Telecom', 'Telekommunikation', 'Télécommunications', 'Télécoms', 'Telecomunicaciones']],
  ['Media', ['Media', 'Entertainment', 'Entertainment Providers', 'Broadcast Media', 'Broadcast Media Production and Distribution', 'Media Production', 'Online Media', 'Online Audio and Video Media', 'Motion Pictures and Film', 'Music', 'Newspapers', 'Publishing', 'Book and Periodical Publishing', 'Animation', 'Performing Arts', 'Photography', 'Writing and Editing', 'Broadcasting Printing and Publishing', 'Medien', 'Verlagswesen', 'Médias', 'Édition', 'Medios de comunicación', 'Medios', 'Entretenimiento']],
  ['Marketing & Advertising', ['Marketing & Advertising', 'Marketing and Advertising', 'Advertising Services', 'Marketing Services', 'Public Relations and Communications', 'Public Relations and Communications Services', 'Market Research', 'Advertising', 'Marketing', 'Werbung', 'Werbung und Marketing', 'Publicité', 'Marketing et publicité', 'Publicidad', 'Marketing y publicidad']],
  ['Consulting', ['Consulting', 'Management Consulting', 'Business Consulting and Services', 'Engineering', 'Beratung', 'Unternehmensberatung', 'Conseil', 'Conseil en management', 'Consultoría']],
  ['Legal Services', ['Legal Services', 'Law Practice', 'Legal', 'Alternative Dispute Resolution', 'Rechtsberatung', 'Rechtsanwaltskanzlei', 'Kanzlei', 'Services juridiques', 'Cabinet d’avocats', 'Servicios legales', 'Servicios jurídicos', 'Bufete de abogados']],
  ['Real Estate', ['Real Estate', 'Commercial Real Estate', 'Specialty Realty', 'Immobilien', 'Immobilier', 'Inmobiliaria', 'Bienes raíces', 'Sector inmobiliario']],
  ['Construction', ['Construction', 'Building Materials', 'Civil Engineering', 'Architecture & Planning', 'Special Outbound Trade Contractors', 'Bau', 'Bauwesen', 'Baugewerbe', 'Bauindustrie', 'BTP', 'Bâtiment', 'Construcción']],
  ['Energy', ['Energy', 'Oil & Energy', 'Oil and Gas', 'Utilities', 'Renewables & Environment', 'Renewable Energy', 'Petrochemical Extraction and Distribution', 'Utility Creation and Distribution', 'Energie', 'Energiewirtschaft', 'Énergie', 'Energía']],
  ['Automotive', ['Automotive', 'Motor Vehicle Manufacturing', 'Vehicle Retail', 'Automobilindustrie', 'Automobil', 'Automobile', 'Industrie automobile', 'Automoción', 'Automotriz', 'Sector automotriz']],
  ['Hospitality', ['Hospitality', 'Recreation', 'Restaurants', 'Leisure, Travel & Tourism', 'Travel Arrangements', 'Recreational Facilities and Services', 'Events Services', 'Gambling & Casinos', 'Eating and Drinking Places', 'Gastgewerbe', 'Hotellerie', 'Gastronomie', 'Tourismus', 'Hôtellerie', 'Hôtellerie-restauration', 'Tourisme', 'Hostelería', 'Turismo']],
  ['Food & Beverage', ['Food & Beverage', 'Food & Beverages', 'Food and Beverage Services', 'Food and Beverage Manufacturing', 'Food Production', 'Dairy', 'Wine and Spirits', 'Food and Tobacco Processing', 'Lebensmittel', 'Lebensmittelindustrie', 'Nahrungsmittel', 'Agroalimentaire', 'Alimentaire', 'Alimentación', 'Alimentos y bebidas']],
  ['Agriculture', ['Agriculture', 'Farming', 'Ranching', 'Fishery', 'Landwirtschaft', 'Agricultura']],
  ['IT Services', ['Information Technology and Services', 'Information Technology & Services', 'IT Services and IT Consulting', 'IT Services', 'IT Consulting', 'Computer & Network Security', 'Computer and Network Security', 'MSP (Management Service Provider)', 'MSP', 'Managed Service Provider', 'Service Provider', 'Storage Service Provider', 'Systems Integrator', 'System Integrator', 'IT-Dienstleistungen', 'IT-Dienstleister', 'Services informatiques', 'ESN', 'SSII', 'Servicios TI', 'Servicios de TI', 'Consultoría TI']],
  ['Hardware', ['Hardware', 'Computer Hardware', 'Computer Hardware Manufacturing', 'Computers and Electronics Manufacturing', 'Computer Networking', 'Consumer Electronics', 'Electronics', 'Semiconductors', 'Semiconductor Manufacturing', 'Network Equipment Enterprise', 'Storage Equipment', 'Elektronik', 'Électronique', 'Electrónica']],
];

let industryByKey: Map<string, Industry> | undefined;
function industryTable(): Map<string, Industry> {
  if (!industryByKey) {
    industryByKey = new Map();
    for (const industry of INDUSTRIES) industryByKey.set(industryKey(industry), industry);
    for (const [industry, values] of INDUSTRY_VALUES) for (const value of values) industryByKey.set(industryKey(value), industry);
  }
  return industryByKey;
}

/**
 * Words that name an industry inside a value the table does not hold ("Enterprise Software",
 * "Healthcare IT", "Logistics & Freight Forwarding"), first match wins, so the more specific
 * kinds come first (SaaS before Software, Fintech before Financial Services, IT Services before
 * Consulting, Hardware, Pharmaceuticals, Automotive and Healthcare before Manufacturing). What
 * they find is marked as a guess.
 */
const INDUSTRY_WORDS: Array<[Industry, RegExp]> = [
  ['SaaS', /\b(?:saas|software as a service)\b/],
  ['Fintech', /\b(?:fintech|financial technology)\b/],
  ['E-commerce', /\b(?:e ?commerce|online (?:retail|shop|shopping|store)|commerce en ligne|onlinehandel|comercio electronico)\b/],
  ['IT Services', /\b(?:it services|it consulting|managed services|systems? integrat[a-z]*|it dienstleist[a-z]*|services informatiques)\b/],
  ['Software', /\b(?:software|logiciels?)\b/],
  ['Banking', /\b(?:bank|banks|banking|banque|banques|banco|bancos|banca)\b/],
  ['Insurance', /\b(?:insurance|reinsurance|versicherung[a-z]*|seguros?)\b/],
  ['Pharmaceuticals', /\b(?:pharma[a-z]*|biotech[a-z]*|farmac[a-z]*)\b/],
  ['Telecommunications', /\b(?:telecom[a-z]*|telekom[a-z]*|telecomunicaciones)\b/],
  ['Hardware', /\b(?:hardware|semiconductors?|electronics?|elektronik|electronique|electronica)\b/],
  ['Automotive', /\b(?:automotive|automobil[a-z]*|automocion|automotriz|motor vehicles?)\b/],
  ['Healthcare', /\b(?:health[a-z]*|hospitals?|medical|medtech|clinics?|kliniken|klinik|sante|gesundheit[a-z]*|salud|sanidad)\b/],
  ['Logistics', /\b(?:logistic[a-z]*|logisti[kq]ue|logistik|logistica|supply chain|freight|shipping|spedition|warehousing|transport[a-z]*)\b/],
  ['Food & Beverage', /\b(?:food|foods|beverages?|lebensmittel[a-z]*|agroalimentaire|alimentos|bebidas|getranke)\b/],
  ['Agriculture', /\b(?:agricultur[a-z]*|farming|landwirtschaft|agricola)\b/],
  ['Manufacturing', /\b(?:manufactur[a-z]*|fertigung|industrie|machinery|maschinenbau|fabrication|fabricacion)\b/],
  ['Real Estate', /\b(?:real estate|immobilien|immobilier|inmobiliari[a-z]*|property management)\b/],
  ['Construction', /\b(?:construction|bauwesen|baugewerbe|bauindustrie|construccion)\b/],
  ['Energy', /\b(?:energy|energie|energia|utilities|oil|renewables?|solar)\b/],
  ['Education', /\b(?:education|e ?learning|edtech|bildung|schools?|universit[a-z]*|enseignement|educacion)\b/],
  ['Government', /\b(?:government|public sector|offentliche verwaltung|gobierno|administration publique|secteur public|sector publico)\b/],
  ['Non-profit', /\b(?:non ?profit|not for profit|charity|charities|ngo|gemeinnutzig[a-z]*|sin animo de lucro|sans but lucratif)\b/],
  ['Marketing & Advertising', /\b(?:marketing|advertising|adtech|werbung|publicite|publicidad)\b/],
  ['Legal Services', /\b(?:legal|law firm|law practice|kanzlei|juridique|juridicos?)\b/],
  ['Hospitality', /\b(?:hotels?|hospitality|tourism|travel|restaurants?|gastronomie|hosteleria|hotellerie)\b/],
  ['Media', /\b(?:media|medien|medios|publishing|verlag[a-z]*|broadcast[a-z]*|entertainment)\b/],
  ['Retail', /\b(?:retail[a-z]*|einzelhandel|commerce de detail|minorista)\b/],
  ['Financial Services', /\b(?:financ[a-z]*|finanz[a-z]*|investments?|asset management|wealth management)\b/],
  ['Consulting', /\b(?:consulting|consultancy|beratung|conseil|consultoria)\b/],
];

/**
 * The Industry a host's own value names: HubSpot's enum ("COMPUTER_SOFTWARE"), LinkedIn's labels,
 * Salesforce's, Dynamics' and Zoho's picklists, the vocabulary's own words in any case, and
 * common French, German and Spanish names. Unknown values give undefined (the caller keeps the
 * host's value).
 */
export function industryFromText(text: string): Derived<Industry> | undefined {
  if (!isText(text) || text.length > MAX_SHORT) return undefined;
  const raw = quoted(text);
  const key = industryKey(text);
  if (!key) return undefined;
  const exact = industryTable().get(key);
  if (exact) return { value: exact, because: `“${raw}” on the record, as ${exact}` };
  const folded = ` ${key} `;
  for (const [value, re] of INDUSTRY_WORDS) {
    if (re.test(folded)) return { value, because: `“${raw}” on the record, as ${value}`, guess: true };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Company from an email
// ---------------------------------------------------------------------------------------------

/**
 * Mail services anyone can sign up to: their domain says nothing about the sender's company.
 * Providers present under many country endings (Yahoo, Hotmail, Outlook, Live, Yandex, GMX, AOL)
 * are also caught by name in FREE_MAIL_BRANDS, whatever the ending.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'yahoo.ca', 'yahoo.com.au', 'yahoo.com.mx', 'yahoo.com.br', 'yahoo.co.jp', 'ymail.com', 'rocketmail.com',
  'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.es', 'hotmail.it',
  'outlook.com', 'outlook.de', 'outlook.fr', 'outlook.es', 'live.com', 'live.co.uk', 'live.fr', 'live.de', 'live.nl', 'msn.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'aol.de', 'aol.fr',
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tuta.io',
  'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.com', 'gmx.fr', 'web.de', 't-online.de', 'freenet.de', 'posteo.de', 'mailbox.org', 'mail.de', 'arcor.de',
  'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'laposte.net', 'neuf.fr', 'bbox.fr',
  'telefonica.net', 'movistar.es', 'terra.es',
  'mail.ru', 'yandex.ru', 'yandex.com', 'ya.ru',
  'zoho.com', 'zohomail.com', 'fastmail.com', 'fastmail.fm', 'hey.com',
  'qq.com', '163.com', '126.com',
  'btinternet.com', 'sky.com', 'virginmedia.com', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net',
  'libero.it', 'bluewin.ch', 'seznam.cz', 'wp.pl',
]);

/** Free-mail providers recognised by name under any country ending ("yahoo.com.ar", "hotmail.be"). */
const FREE_MAIL_BRANDS = new Set(['gmail', 'googlemail', 'yahoo', 'ymail', 'hotmail', 'outlook', 'live', 'msn', 'windowslive', 'yandex', 'gmx', 'aol', 'protonmail', 'icloud']);

/** Endings of universities, schools, governments and armed forces, whose domains name no company. */
const NOT_A_COMPANY_LABELS = new Set(['edu', 'gov', 'govt', 'gouv', 'gob', 'mil', 'ac', 'sch', 'k12']);
/** University domain names: "uni-heidelberg.de", "univ-lyon1.fr", "tu-berlin.de", "universidad…". */
const ACADEMIC_NAME = /^(?:uni|univ|universit[a-z0-9]*|universidad[a-z0-9]*|hochschule[a-z0-9]*|fh|tu|th)(?:-|$)/;
/** Names a mail server, not a company, if left at the front after the ending is dropped. */
const MAIL_HOST_NAMES = new Set(['mail', 'email', 'e-mail', 'webmail', 'smtp', 'mx', 'www', 'corp']);
/** Legal forms written into domains ("acme-gmbh.de"): not part of the name a rep uses. */
const LEGAL_FORMS = new Set(['gmbh', 'ag', 'kg', 'inc', 'ltd', 'llc', 'plc', 'sa', 'sas', 'sarl', 'sl', 'srl', 'bv', 'nv', 'oy', 'ab', 'as', 'corp']);

function capitalised(word: string): string {
  // Short or vowel-less names are usually initials: "ibm" → IBM, "kpmg" → KPMG, "dhl" → DHL.
  if (word.length <= 3 || !/[aeiouy]/.test(word)) return word.toUpperCase();
  return word[0]!.toUpperCase() + word.slice(1);
}

/**
 * A guess at the company from an email's domain: the name before the registry's ending, without
 * mail-server subdomains ("mail.", "eu.", "corp."), split on hyphens and capitalised:
 * "ana@vantage-freight.co.uk" → "Vantage Freight". Never for free mail, universities or
 * governments. Always a guess: "acmecorp.com" cannot say whether it is "Acme Corp" or "AcmeCorp".
 */
export function companyFromEmail(email: string): Derived<string> | undefined {
  if (!isText(email)) return undefined;
  const domain = domainOf(email);
  if (!domain || FREE_MAIL_DOMAINS.has(domain)) return undefined;
  const labels = domain.split('.');
  if (labels.some((label) => label.startsWith('xn--'))) return undefined;
  const suffix = suffixLength(labels);
  if (labels.at(-1) === 'edu' || labels.at(-1) === 'gov' || labels.at(-1) === 'mil') return undefined;
  if (labels.slice(-suffix).some((label) => NOT_A_COMPANY_LABELS.has(label))) return undefined;
  const name = labels.at(-suffix - 1);
  if (!name || MAIL_HOST_NAMES.has(name) || FREE_MAIL_BRANDS.has(name) || ACADEMIC_NAME.test(name)) return undefined;
  if (FREE_MAIL_DOMAINS.has(labels.slice(-suffix - 1).join('.'))) return undefined;
  const parts = name.split('-').filter(Boolean);
  while (parts.length > 1 && LEGAL_FORMS.has(parts.at(-1)!)) parts.pop();
  if (parts.length === 0) return undefined;
  return { value: parts.map(capitalised).join(' '), because: `a guess from the email domain (${domain})`, guess: true };
}
