/**
 * Generates schemas/conclusion.schema.json and schemas/config.schema.json,
 * and their validators compiled ahead of time in src/validate/compiled/.
 *
 * The schemas are written in TypeScript so shared pieces (styles, signers,
 * deadlines) are defined once; the JSON files are committed because clerks'
 * editors read them through the `# yaml-language-server: $schema=` line.
 * Run `npm run schemas` after editing; a test checks the files are current.
 */
import { writeFileSync } from 'node:fs';
import { standaloneModule } from '../src/validate/ajv.ts';
import { conclusionSchema, configSchema } from '../src/validate/conclusion-schema.ts';

for (const [name, schema] of [
  ['conclusion', conclusionSchema],
  ['config', configSchema],
] as const) {
  const json = `schemas/${name}.schema.json`;
  writeFileSync(new URL(`../${json}`, import.meta.url), JSON.stringify(schema, null, 2) + '\n');
  const compiled = `src/validate/compiled/${name}.ts`;
  writeFileSync(new URL(`../${compiled}`, import.meta.url), await standaloneModule(schema, json));
  console.log(`wrote ${json} and ${compiled}`);
}
