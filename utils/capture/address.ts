// Postal address lines, in English, French, German and Spanish (and the common Italian and
// Dutch street words): street numbers with street words, post-office boxes, postcodes with a
// city, city-state-ZIP, suite and floor lines, a country alone.

const streetWords =
  'street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|way|place|pl|court|ct|square|sq|parkway|pkwy|highway|hwy|terrace|circle|cir|plaza|park|row|crescent|close|alley|trail|freeway|expressway|pike|rue|bd|allée|allee|chemin|quai|impasse|route|cours|via|viale|piazza|corso|calle|carrera|avenida|avda|paseo|plazuela|ronda|camino|travesía|travesia';
const numberFirst = new RegExp(`^\\s*\\d{1,6}[a-z]?(?:[-–/]\\d+[a-z]?)?,?\\s+(?:[\\p{L}.'’-]+\\s+){0,5}(?:${streetWords})\\b\\.?`, 'iu');
const streetFirst = /(?:^|[\s,])(?:rue|avenue|av\.|bd|boulevard|allée|chemin|quai|impasse|place|route|calle|c\/|avda\.?|avenida|paseo|plaza|pza\.?|carrera|ronda|travesía|camino|via|viale|piazza|corso)\s+\S.*\d/iu;
const germanStreet = /\p{L}(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|steig|pfad|markt|kai|stieg|straat|laan|plein|gracht|kade)\s*\d{1,4}\s?[a-z]?\b/iu;
const germanStreetSpaced = /\b(?:Am|An der|Auf der|Im|In der|Zum|Zur)\s+\p{Lu}\p{L}+\s+\d{1,4}\s?[a-z]?$/u;
const poBox = /\b(?:p\.?\s?o\.?\s?box|post office box|postfach|apartado(?: de correos)?|case postale|boîte postale|casilla|b\.?p\.?\s+\d)/i;
const usZip = /\b\p{Lu}[\p{L}.'’ -]*,?\s+(?:[A-Z]{2}|\p{Lu}\p{Ll}+\.?(?:\s\p{Lu}\p{Ll}+)?)\.?,?\s+\d{5}(?:-\d{4})?\b/u;
const canadaPostcode = /\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/;
const ukPostcode = /\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b/;
const euroPostcode = /(?:^|[\s,])(?:[A-Z]{1,3}[-–])?\d{4,5}(?:\s?[A-Z]{2})?\s+\p{Lu}[\p{L}'’.-]+/u;
const cityPostcode = /\b\p{Lu}\p{Ll}{2,}[\p{L}'’.-]*,?\s+(?:cedex\s+)?\d{4,5}$/u;
const unitLine = /\b(?:suite|ste\.?|floor|fl\.|room|rm\.?|building|bldg\.?|unit|apt\.?|étage|etage|bâtiment|batiment|stock|piso|planta|local|oficina|despacho|puerta)\s*[#:.]?\s*\d|\d+(?:st|nd|rd|th|e|er|ème|eme|\.|º|°)?\s+(?:floor|étage|etage|stock|og|piso|planta)\b/i;
const countryAlone =
  /^(?:usa|u\.s\.a\.?|united states(?: of america)?|canada|uk|u\.k\.|united kingdom|england|scotland|ireland|germany|deutschland|france|spain|españa|espana|switzerland|schweiz|suisse|svizzera|austria|österreich|belgium|belgique|belgië|netherlands|the netherlands|nederland|italy|italia|luxembourg|luxemburg|portugal|mexico|méxico|argentina|chile|colombia|peru|perú|brasil|brazil|sweden|norway|denmark|finland|poland|australia|new zealand|japan|china|india|singapore)\.?$/i;
const numberAndWords = /^\s*\d{1,6}[a-z]?\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}$/u;

/**
 * How much a line looks like part of a postal address: 2 for a street, PO box or postcode
 * line, 1 for a line that only continues one (suite, floor, a country, "227 West Monroe"),
 * 0 for none.
 */
export function addressScore(line: string): number {
  const s = line.trim();
  if (!s) return 0;
  if (poBox.test(s) || numberFirst.test(s) || germanStreet.test(s) || germanStreetSpaced.test(s)) return 2;
  if (/\d/.test(s) && (streetFirst.test(s) || usZip.test(s) || canadaPostcode.test(s) || ukPostcode.test(s) || euroPostcode.test(s) || cityPostcode.test(s))) return 2;
  if (unitLine.test(s) || countryAlone.test(s) || numberAndWords.test(s)) return 1;
  return 0;
}
