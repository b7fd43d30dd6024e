// Accuracy of the contact-text parser (utils/capture/parse.ts) on a labelled JSONL file:
// per-field precision, recall and F1 for name, title, company, email, phone and website.
//   npx tsx scripts/capture-eval.ts FILE.jsonl [--json]
// (npm run --silent capture:eval -- FILE.jsonl [--json]). Exit 1 on a bad file or line.
import { readFileSync } from 'node:fs';
import { evaluate, evaluationJson, evaluationTable, readSamples, SampleError } from '../utils/capture/evaluate';

const usage = 'Usage: capture-eval FILE.jsonl [--json]\n  One JSON object a line: {"text": "...", "fields": {"name": [...], "title": [...], "company": [...], "phone": [...], "fax": [...], "email": [...]}}';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage);
  process.exit(0);
}
const json = args.includes('--json');
const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
const files = args.filter((a) => !a.startsWith('-'));
if (unknown.length || files.length !== 1) {
  console.error(unknown.length ? `Unknown option ${unknown.join(', ')}.\n${usage}` : usage);
  process.exit(2);
}
const file = files[0]!;

let content: string;
try {
  content = readFileSync(file, 'utf8');
} catch (e) {
  console.error(`capture-eval: cannot read ${file}: ${(e as Error).message}`);
  process.exit(1);
}
try {
  const samples = readSamples(content);
  if (!samples.length) {
    console.error(`capture-eval: ${file} has no samples.`);
    process.exit(1);
  }
  const result = evaluate(samples);
  console.log(json ? JSON.stringify(evaluationJson(result)) : evaluationTable(result, file));
} catch (e) {
  if (e instanceof SampleError) {
    console.error(`capture-eval: ${file}, ${e.message}`);
    process.exit(1);
  }
  throw e;
}
