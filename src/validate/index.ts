/**
 * validate/: a read source → `Conclusion`, with every problem as a
 * diagnostic: JSON Schema first (ajv, mapped back to YAML positions), then
 * id resolution and the domain rules. Never throws on a clerk's input.
 */
import type { Conclusion, Config } from '../conclusion.ts';
import { hasErrors, type Diagnostic } from '../diagnostics.ts';
import type { SourceDoc } from '../source/index.ts';
import { conclusionSchema, configSchema } from './conclusion-schema.ts';
import { normalizeConclusion, Reporter } from './normalize.ts';
import { checkRules, type RuleContext } from './rules.ts';
import { validateAgainstSchema } from './schema.ts';

export type { RuleContext } from './rules.ts';

/** A stage's result: a value when usable, and what was found on the way. */
export interface Checked<T> {
  readonly value?: T;
  readonly diagnostics: Diagnostic[];
}

/** Validates one conclusion file against the schema, the config and the domain rules. */
export function validateConclusion(src: SourceDoc, config: Config, ctx: RuleContext): Checked<Conclusion> {
  const schemaDiagnostics = validateAgainstSchema(src, conclusionSchema);
  if (hasErrors(schemaDiagnostics)) return { diagnostics: schemaDiagnostics };
  const reporter = new Reporter(src);
  const conclusion = normalizeConclusion(src.data as Record<string, unknown>, config, reporter);
  if (conclusion) checkRules(conclusion, reporter, ctx);
  const diagnostics = [...schemaDiagnostics, ...reporter.diagnostics];
  return hasErrors(diagnostics) || !conclusion ? { diagnostics } : { value: conclusion, diagnostics };
}

/** The config used when a project has no ketluan.config.yaml: issuers and signers written inline. */
export const emptyConfig: Config = { issuers: {}, signers: {} };

/** Validates ketluan.config.yaml. */
export function validateConfig(src: SourceDoc): Checked<Config> {
  const diagnostics = validateAgainstSchema(src, configSchema);
  if (hasErrors(diagnostics)) return { diagnostics };
  const data = (src.data ?? {}) as Partial<Config>;
  return { value: { issuers: data.issuers ?? {}, signers: data.signers ?? {}, ...(data.fonts ? { fonts: data.fonts } : {}) }, diagnostics };
}
