/**
 * Generates schemas/conclusion.schema.json and schemas/config.schema.json.
 *
 * The schemas are written in TypeScript so shared pieces (styles, signers,
 * deadlines) are defined once; the JSON files are committed because clerks'
 * editors read them through the `# yaml-language-server: $schema=` line.
 * Run `npm run schemas` after editing; a test checks the files are current.
 */
import { writeFileSync } from 'node:fs';
import { conclusionSchema, configSchema } from '../src/validate/conclusion-schema.ts';

for (const [file, schema] of [
  ['schemas/conclusion.schema.json', conclusionSchema],
  ['schemas/config.schema.json', configSchema],
] as const) {
  writeFileSync(new URL(`../${file}`, import.meta.url), JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote ${file}`);
}
