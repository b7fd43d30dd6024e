// Capture's accuracy on labelled data, a step apart from `npm test` (CI runs it on the corpora
// beside the repository when they are there):
//   - a JSONL file of signatures: the contact-text parser's (utils/capture/parse.ts) per-field
//     precision, recall and F1 for name, title, company, email, phone and website;
//   - a folder of h-card pages (NAME.html beside its expected parse NAME.json): the same
//     figures for name, email, company, title and phone, for capture's page reader and for the
//     content script's reader.
//   npx tsx scripts/capture-eval.ts PATH… [--json]
// (npm run --silent capture:eval -- PATH… [--json]). With --json, one JSON line per PATH.
// Exit 1 on a path, file or line that cannot be read; 2 on bad arguments.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Window } from 'happy-dom';
import { evaluate, evaluationJson, evaluationTable, readSamples, SampleError } from '../utils/capture/evaluate';
import { evaluateHCards, type HCardCase } from '../utils/capture/hcardEval';

const usage = `Usage: capture-eval PATH… [--json]
  PATH is a JSONL file of signatures, one JSON object a line:
    {"text": "...", "fields": {"name": [...], "title": [...], "company": [...], "phone": [...], "fax": [...], "email": [...]}}
  or a folder of h-card pages: NAME.html beside NAME.json, its expected microformats2 parse.`;
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage);
  process.exit(0);
}
const json = args.includes('--json');
const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
const paths = args.filter((a) => !a.startsWith('-'));
if (unknown.length || !paths.length) {
  console.error(unknown.length ? `Unknown option ${unknown.join(', ')}.\n${usage}` : usage);
  process.exit(2);
}

const fail = (message: string): never => {
  console.error(`capture-eval: ${message}`);
  process.exit(1);
};

function signatures(file: string): string {
  let content = '';
  try {
    content = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    const samples = readSamples(content);
    if (!samples.length) fail(`${file} has no samples.`);
    const result = evaluate(samples);
    return json ? JSON.stringify(evaluationJson(result)) : evaluationTable(result, file);
  } catch (e) {
    if (e instanceof SampleError) fail(`${file}, ${e.message}`);
    throw e;
  }
}

function hcardPages(folder: string): string {
  const names = readdirSync(folder).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json'));
  if (!names.length) fail(`${folder} has no NAME.json files (h-card pages are NAME.html beside NAME.json).`);
  const cases: HCardCase[] = names.map((name) => {
    try {
      return { name, html: readFileSync(join(folder, `${name}.html`), 'utf8'), expected: readFileSync(join(folder, `${name}.json`), 'utf8') };
    } catch (e) {
      return fail(`${folder}: cannot read the pair for ${name}: ${(e as Error).message}`);
    }
  });
  const window = new Window({ url: 'https://example.com/' });
  const parser = new window.DOMParser();
  try {
    const result = evaluateHCards(cases, (html) => parser.parseFromString(html, 'text/html') as unknown as Document);
    if (json) return JSON.stringify({ kind: 'h-card', pages: cases.length, capture: evaluationJson(result.capture).fields, contentScript: evaluationJson(result.contentScript).fields });
    const heading = 'h-card pages (micro-averaged over the people each page names)';
    return [evaluationTable(result.capture, `${folder}, capture's page reader`, heading), evaluationTable(result.contentScript, `${folder}, the content script's reader`, heading)].join('\n\n');
  } catch (e) {
    return fail(`${folder}: ${(e as Error).message}`);
  } finally {
    void window.happyDOM.close();
  }
}

const out: string[] = [];
for (const path of paths) {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch (e) {
    fail(`cannot read ${path}: ${(e as Error).message}`);
  }
  out.push(folder ? hcardPages(path) : signatures(path));
}
console.log(out.join(json ? '\n' : '\n\n'));
