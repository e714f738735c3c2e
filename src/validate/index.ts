/**
 * validate/: a read source → `Conclusion`, with every problem as a
 * diagnostic: JSON Schema first (ajv, mapped back to YAML positions), then
 * id resolution and the domain rules. Never throws on a clerk's input.
 */
import type { Conclusion, Config } from '../conclusion.ts';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.ts';
import type { SourceDoc } from '../source/index.ts';
import { conclusionSchema, configSchema } from './conclusion-schema.ts';
import { normalizeConclusion, Reporter } from './normalize.ts';
import { checkConfigReferences, checkRules, checkText, checkYamlPitfalls, type RuleContext, type TextRange } from './rules.ts';
import { validateAgainstSchema } from './schema.ts';

export type { RuleContext } from './rules.ts';

/** A stage's result: a value when usable, and what was found on the way. */
export interface Checked<T> {
  readonly value?: T;
  readonly diagnostics: Diagnostic[];
}

/**
 * Validates one conclusion file against the schema, the config and the
 * domain rules. Characters and YAML pitfalls are checked whatever the
 * schema says; the domain rules need schema-valid data.
 */
export function validateConclusion(src: SourceDoc, config: Config, ctx: RuleContext): Checked<Conclusion> {
  const early = new Reporter(src);
  checkText(src, early, ctx);
  const pitfalls = checkYamlPitfalls(src, early);
  const allSchema = validateAgainstSchema(src, conclusionSchema);
  const schemaDiagnostics = allSchema.filter((d) => !within(src, d, pitfalls));
  // Data the schema rejected never reaches normalisation, even when KL380 explains every rejection.
  if (hasErrors(allSchema)) return { diagnostics: sortDiagnostics([...schemaDiagnostics, ...early.diagnostics]) };
  const reporter = new Reporter(src);
  const conclusion = normalizeConclusion(src.data as Record<string, unknown>, config, reporter);
  if (conclusion) checkRules(conclusion, reporter, ctx);
  const diagnostics = sortDiagnostics([...schemaDiagnostics, ...early.diagnostics, ...reporter.diagnostics]);
  return hasErrors(diagnostics) || !conclusion ? { diagnostics } : { value: conclusion, diagnostics };
}

/** True when a diagnostic points inside one of `ranges` (a sentence KL380 already explains). */
function within(src: SourceDoc, d: Diagnostic, ranges: readonly TextRange[]): boolean {
  if (ranges.length === 0) return false;
  const start = src.lineCounter.lineStarts[d.line - 1];
  if (start === undefined) return false;
  const offset = start + d.col - 1;
  return ranges.some((r) => offset >= r.from && offset <= r.to);
}

/** The config used when a project has no ketluan.config.yaml: issuers and signers written inline. */
export const emptyConfig: Config = { issuers: {}, signers: {} };

/**
 * Validates ketluan.config.yaml: the schema, then its text by the same
 * character rules as a notice's (KL360, KL361, KL384, KL383), since issuer and
 * signer names are printed on every notice. `canShowFor` gives the glyph
 * check for the fonts the valid config names (absent: private use only).
 */
export function validateConfig(src: SourceDoc, canShowFor?: (config: Config) => RuleContext['canShow']): Checked<Config> {
  const diagnostics = validateAgainstSchema(src, configSchema);
  if (hasErrors(diagnostics)) return { diagnostics };
  const data = (src.data ?? {}) as Partial<Config>;
  const config: Config = { issuers: data.issuers ?? {}, signers: data.signers ?? {}, ...(data.fonts ? { fonts: data.fonts } : {}), ...(data.pdf ? { pdf: data.pdf } : {}), ...(data.organIds ? { organIds: data.organIds } : {}) };
  const text = new Reporter(src);
  const canShow = canShowFor?.(config);
  checkText(src, text, { phrases: [], ...(canShow ? { canShow } : {}) });
  checkConfigReferences(src, text);
  const all = sortDiagnostics([...diagnostics, ...text.diagnostics]);
  return hasErrors(all) ? { diagnostics: all } : { value: config, diagnostics: all };
}
