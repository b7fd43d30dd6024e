// Word lists for the contact-text parser (parse.ts), in English, French, German and Spanish
// (a few Italian, Dutch and Portuguese words where they cost nothing). Matching is done on
// folded words: lower case, accents removed, ß as ss (see `fold`).

/** Lower case, accents removed, ß → ss: "Geschäftsführer" → "geschaftsfuhrer", "Móvil" → "movil". */
export function fold(s: string): string {
  return s.toLowerCase().replace(/ß/g, 'ss').normalize('NFKD').replace(/\p{M}/gu, '');
}

/** The words of a string, folded; hyphens, slashes and punctuation split words. */
export function foldedWords(s: string): string[] {
  return fold(s)
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean);
}

const set = (words: string) => new Set(words.trim().split(/\s+/));
/** Lookup tables without a prototype: "constructor" or "toString" in a text is no key. */
const nullProto = <T extends object>(o: T): T => Object.assign(Object.create(null) as T, o);

export type PhoneKind = 'work' | 'mobile' | 'fax' | 'other';
export type Language = 'en' | 'fr' | 'de' | 'es' | 'it' | 'nl' | 'pt';

/**
 * Phone labels, folded, one or two words ("ligne directe"). `lang` is set only where the word
 * says which language the signature is in (used to pick the default country of national
 * numbers): "Tél" and "Portable" are French, "Handy" and "Durchwahl" German, "Móvil" Spanish;
 * "Tel", "Fax" and "Mobile" say nothing.
 */
export const phoneLabels: Record<string, { kind: PhoneKind; lang?: Language } | undefined> = Object.create(null);
const addLabels = (kind: PhoneKind, words: string, lang?: Language) => {
  for (const w of words.trim().split(/\s*,\s*/)) phoneLabels[w] = lang ? { kind, lang } : { kind };
};
addLabels('work', 'phone, ph, phn, tel, tele, telephone, telephone no, tfn, voice, office, off, direct, direct line, dir, dl, work, main, business, switchboard, landline, desk');
addLabels('mobile', 'mobile, mob, cell, cel, cellular, cellphone, cell phone, mobile phone, wireless, gsm, whatsapp');
addLabels('fax', 'fax, fx, facsimile, fac, telefax');
addLabels('other', 'home, pager, pgr, beeper, private, personal, skype');
addLabels('work', 'ligne directe, ligne, bureau, fixe, standard, poste', 'fr');
addLabels('mobile', 'portable', 'fr');
addLabels('fax', 'telecopie, telecopieur', 'fr');
addLabels('other', 'domicile', 'fr');
addLabels('work', 'telefon, fon, durchwahl, zentrale, buro, festnetz', 'de');
addLabels('mobile', 'handy, mobil, mobilfunk, mobiltelefon', 'de');
addLabels('other', 'privat', 'de');
addLabels('work', 'telefono, tfno, tlfno, oficina, fijo, centralita, anexo', 'es');
addLabels('work', 'tlf, extension');
addLabels('mobile', 'movil, celular', 'es');
addLabels('other', 'casa, particular', 'es');
addLabels('mobile', 'cellulare', 'it');
addLabels('mobile', 'mobiel', 'nl');
addLabels('work', 'telefoon', 'nl');
addLabels('mobile', 'telemovel', 'pt');
addLabels('work', 'telefone', 'pt');
// Single letters ("T: …", "M +44 …", "f. …"): only right beside a number (see phones.ts).
export const letterLabels: Record<string, PhoneKind | undefined> = nullProto({ t: 'work', p: 'work', o: 'work', d: 'work', w: 'work', b: 'work', m: 'mobile', c: 'mobile', f: 'fax', h: 'other' });

/**
 * Phone-label words whose accented spelling is the language hint (folded, "tel" says nothing,
 * but the written "tél" is French).
 */
export const accentedLabelHints: Record<string, Language | undefined> = nullProto({
  tél: 'fr',
  téléphone: 'fr',
  télécopie: 'fr',
  móvil: 'es',
  teléfono: 'es',
  telemóvel: 'pt',
  extensión: 'es',
});

/** Extension words after a number: "ext 239", "x-58752", "Durchwahl 12", "poste 4", "anexo 7". */
export const extensionWords = 'ext|extn|extension|ext\\.|x|#|poste|p\\.|durchwahl|dw|nebenstelle|apparat|app\\.|extensi[oó]n|anexo|interno|int\\.';

/** Labels of other contact fields, folded; stripped from the edge of a line that held the value. */
export const contactLabelWords = set(`
  email e-mail e mail mel courriel correo electronico correo-e web website site homepage internet url www
  linkedin twitter skype sitio pagina webseite adresse address addr anschrift direccion
  no nr num number numero numéro transmission
`);

/** Explicit field labels at the start of a line ("Company: Acme"). Folded. */
export const fieldLabels: Record<string, 'name' | 'title' | 'company' | 'address' | undefined> = nullProto({
  name: 'name',
  'full name': 'name',
  nom: 'name',
  nombre: 'name',
  title: 'title',
  'job title': 'title',
  position: 'title',
  role: 'title',
  titre: 'title',
  fonction: 'title',
  funktion: 'title',
  cargo: 'title',
  puesto: 'title',
  company: 'company',
  organization: 'company',
  organisation: 'company',
  employer: 'company',
  societe: 'company',
  entreprise: 'company',
  firma: 'company',
  unternehmen: 'company',
  empresa: 'company',
  compania: 'company',
  address: 'address',
  adresse: 'address',
  anschrift: 'address',
  direccion: 'address',
  domicilio: 'address',
});

/**
 * Role words: a line with one of these is a job title (unless a legal form says company).
 * Singular "partner" is a role, plural "partners" an organisation.
 */
export const roleWords = set(`
  ceo cfo coo cto cio cmo cro cso ciso cpo chro cdo cco vp svp evp avp gm md
  president vice-president chairman chairwoman chairperson founder cofounder co-founder owner
  partner principal director manager head lead leader chief officer executive engineer developer
  programmer analyst consultant associate assistant specialist coordinator administrator
  representative rep counsel attorney lawyer solicitor barrister paralegal advisor adviser
  architect designer scientist researcher professor lecturer provost geologist geophysicist
  economist accountant controller comptroller treasurer secretary clerk trader broker scheduler
  planner strategist supervisor superintendent technician operator agent recruiter editor writer
  journalist producer intern trainee fellow evangelist ambassador proprietor physician nurse
  pharmacist auditor actuary underwriter buyer marketer salesman saleswoman salesperson
  receptionist liaison negotiator originator inspector investigator estimator surveyor chemist
  physicist teacher coach therapist translator interpreter photographer librarian curator
  support
  directeur directrice dg pdg presidente responsable chef gerant gerante ingenieur ingenieure
  charge chargee conseiller conseillere consultante assistante attache attachee analyste
  avocat avocate juriste comptable secretaire fondateur fondatrice cofondateur cofondatrice
  associe associee gestionnaire technicien technicienne developpeur developpeuse chercheur
  chercheuse professeure delegue deleguee administrateur administratrice coordinateur
  coordinatrice stagiaire vendeur vendeuse commerciale
  geschaftsfuhrer geschaftsfuhrerin leiter leiterin vorstand vorsitzender vorsitzende inhaber
  inhaberin grunder grunderin referent referentin berater beraterin sachbearbeiter
  sachbearbeiterin ingenieurin entwickler entwicklerin assistent assistentin prokurist
  prokuristin direktor direktorin mitarbeiter mitarbeiterin rechtsanwalt rechtsanwaltin
  steuerberater steuerberaterin managerin spezialist spezialistin koordinator koordinatorin
  sekretar sekretarin architekt architektin professorin werkstudent werkstudentin kaufmann
  kauffrau vertreter vertreterin leitung geschaftsleitung geschaftsfuhrung gesellschafter
  geschaftsfuhrender vorstandsvorsitzender
  directora gerente jefe jefa presidenta consejero consejera delegado delegada ingeniero
  ingeniera analista consultor consultora asesor asesora abogado abogada coordinador
  coordinadora asistente ejecutivo ejecutiva socio socia fundador fundadora administrador
  administradora tecnico tecnica contador contadora secretario vendedor vendedora
  representante desarrollador desarrolladora especialista encargado encargada supervisora
  becario becaria profesor profesora investigador investigadora
`);

/** German compounds end in a role: "Vertriebsleiter", "Datenschutzbeauftragter", "Projektmanagerin". */
export const roleSuffixes = /(leiter|leiterin|fuhrer|fuhrerin|berater|beraterin|referent|referentin|manager|managerin|ingenieur|ingenieurin|entwickler|entwicklerin|assistent|assistentin|direktor|direktorin|spezialist|spezialistin|koordinator|koordinatorin|beauftragter|beauftragte|vorstand|sprecher|sprecherin|kaufmann|kauffrau|techniker|technikerin|vertreter|vertreterin|leitung)$/;

/** Words that make a title only with another role word ("Senior", "Head of"): not enough alone. */
export const roleModifiers = set('senior sr junior jr assistant associate deputy acting interim chief executive managing general regional global group vice');

/** Organisation words (not legal forms): a line with one is likely a company. */
export const orgWords = set(`
  group groupe gruppe grupo holding holdings partners associates consulting consultants
  consultancy services solutions systems technologies technology software labs laboratories
  laboratory industries international enterprises ventures capital bank banque banco bancorp
  insurance assurance assurances versicherung versicherungen seguros foundation fondation stiftung
  fundacion institute institut instituto university universite universitat universidad college
  school ecole escuela schule hochschule academy akademie academia hospital clinic clinique
  klinik clinica center centre zentrum centro agency agence agentur agencia association
  verband verein asociacion society council ministry ministere ministerium ministerio authority
  commission studio studios media networks communications energy pipeline petroleum oil
  resources utilities logistics motors pharmaceuticals pharma brothers bros trust exchange realty
  properties investments advisors advisers firm compagnie gesellschaft hermanos abogados
  rechtsanwalte avocats cabinet kanzlei bufete despacho
`);

/** Organisation-unit words: a line with one names a department of the company. */
export const deptWords = set('department dept departement departamento abteilung division desk unit');

/**
 * Business functions and regions: "Sales", "Capital Markets", "EMEA". A line of only these
 * (with no role word) is a department or a function, which signatures often give as the title.
 */
export const functionWords = set(`
  sales vertrieb ventas ventes marketing management finance finances finanzas finanzen legal
  juridique juridico recht trading operations operaciones betrieb accounting comptabilite
  contabilidad buchhaltung procurement purchasing einkauf compras achats engineering research
  development entwicklung desarrollo communications communication kommunikation comunicacion
  relations markets market treasury tresorerie compliance risk audit tax steuern fiscal it hr rh
  human resources personal administration verwaltung customer client clients kunden clientes
  service product products produits strategy strategie estrategia partnerships business design
  debt equity credit capital corporate investor public affairs transaction transactions advisory
  emea apac latam americas europe europa asia pacific north south east west america global
  worldwide national regional dach benelux nordics iberia
`);

/** Lower-case words allowed inside names, titles and company names. */
export const stopWords = set(`
  of and the for to at in on by with a an de des du la le les et en d l a au aux pour sur chez
  und fur der die das den von vom zu zur zum im am bei y e del el los las para por con da di
  della van ten ter bin al
`);

/** Name particles: "Ludwig van Beethoven", "María del Carmen", "Jean de La Fontaine". */
export const nameParticles = set("van von der den de del della di da du la le dos das y zu ten ter bin ibn al el st d' o'");

/** Courtesy titles dropped before a name. */
export const honorifics = /^(?:mr|mrs|ms|miss|mx|mme|mlle|herr|frau|sra|srta)\.?\s+|^(?:m|sr)\.\s+/i;
/** Credentials after a name ("Mark D. Guinney, CFA"): dropped. */
export const credentials = set(`
  cfa cpa cfp caia frm pmp phd ph.d md m.d mba msc bsc ma ba jd j.d esq llm pe p.e ceng cissp
  dipl dipl.-ing dr.-ing mag dea
`);

/** Legal forms, matched case-insensitively on the line. */
export const legalFormsCi =
  /(?:^|[\s,(])(?:inc|incorporated|llc|l\.l\.c|llp|l\.l\.p|pllc|ltd|limited|plc|corp|corporation|company|gmbh|mbh|ag|kgaa|ohg|gbr|e\.\s?v|sarl|s\.?\s?[àa]\s?r\.?\s?l|eurl|sas|sasu|s\.a\.s|s\.p\.a|spa|srl|s\.r\.l|ltda|pty|pvt|bhd|sdn|oyj|aps|cie|scp|selarl|snc|sci|e\.\s?k|compagnie|compania|compañía|cia|cía)(?:\.|(?=$|[\s,)]))/i;
/** Legal forms in capitals or with dots ("AG", "S.A.", "B.V.", "& Co."), case-sensitive. */
export const legalFormsCs =
  /(?:^|[\s,(])(?:AG|KG|SE|UG|eG|S\.A\.?|SA|S\.A\.U\.?|SAU|S\.L\.?|S\.L\.U\.?|SL|SLU|S\.C\.|B\.V\.?|BV|N\.V\.?|NV|A\/S|AS|ASA|AB|Oy|K\.K\.|L\.P\.|LP|P\.C\.|P\.A\.|Co\.|& Co\b|S\.?A\.? de C\.?V\.?)(?=$|[\s,)])/;

/** Free-mail and ISP domains: they say nothing about the company. */
export const freeMailDomains = set(`
  gmail googlemail yahoo ymail hotmail outlook live msn aol icloud me mac proton protonmail pm
  gmx web t-online freenet orange wanadoo free laposte sfr neuf yandex mail zoho fastmail
  comcast verizon att sbcglobal earthlink adelphia bellsouth charter cox btinternet sky
  virginmedia libero tiscali terra telefonica movistar bigpond shaw rogers
`);

/** Vanity country-code TLDs that say nothing about where the person is. */
export const vanityTlds = set('io co ai me tv fm ly cc ws to sh ac gg la am nu tk vc ms gl sc ag bz');
