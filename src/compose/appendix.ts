/**
 * Appendix (Phụ lục) content for one index: a table of the index and its
 * components (this year, last year, change, rank) and chart bars.
 */
import type { AppendixSpec, IndexResult } from '../conclusion.ts';
import { formatDecimal, roman } from './numbers.ts';

/** One table row; every key present (Handlebars strict mode). */
export interface AppendixRow {
  readonly number: string;
  readonly name: string;
  readonly score: string;
  readonly previous: string | null;
  /** "+1,58", "-0,9", "0", or null without last year. */
  readonly change: string | null;
  readonly rank: string | null;
  /** The index's own row (bold). */
  readonly total: boolean;
}

/** What templates/partials/appendix.hbs prints. */
export interface AppendixView {
  /** "I", "II"… when there are several appendices, else null (a single one is just "Phụ lục"). */
  readonly number: string | null;
  readonly title: string | null;
  readonly name: string;
  readonly year: string;
  readonly previousYear: string | null;
  readonly rows: readonly AppendixRow[];
  /** Bars for the chart, or null without a chart. */
  readonly bars: readonly { readonly label: string; readonly value: number; readonly max: number; readonly valueText: string }[] | null;
}

function signed(after: number, before: number | undefined, decimals?: number): string | null {
  if (before === undefined) return null;
  const delta = Number((after - before).toFixed(decimals ?? 2));
  const text = formatDecimal(Math.abs(delta), decimals);
  return delta > 0 ? `+${text}` : delta < 0 ? `-${text}` : '0';
}

function scoreText(score: number, max: number | undefined, decimals?: number): string {
  return max !== undefined ? `${formatDecimal(score, decimals)}/${formatDecimal(max)}` : formatDecimal(score, decimals);
}

/** Builds one appendix view. */
export function appendixView(spec: AppendixSpec, index: IndexResult, position: number, count: number): AppendixView {
  const d = index.decimals;
  const items = index.components?.items ?? [];
  const units = index.units;
  const rankText = (rank: number | undefined, of: number | undefined) => (rank === undefined ? null : of !== undefined ? `${rank}/${of}` : String(rank));
  const rows: AppendixRow[] = [
    {
      number: '',
      name: index.name,
      score: scoreText(index.score, index.max, d),
      previous: index.previous?.score !== undefined ? formatDecimal(index.previous.score, d) : null,
      change: signed(index.score, index.previous?.score, d),
      rank: rankText(index.rank, units),
      total: true,
    },
    ...items.map((c, i) => ({
      number: String(i + 1),
      name: c.code ? `${c.code} - ${c.name}` : c.name,
      score: scoreText(c.score, c.max, d),
      previous: c.previous?.score !== undefined ? formatDecimal(c.previous.score, d) : null,
      change: signed(c.score, c.previous?.score, d),
      rank: rankText(c.rank, index.components?.units ?? units),
      total: false,
    })),
  ];
  const scale = Math.max(...items.map((c) => c.max ?? c.score), 0);
  const bars = spec.chart && items.length > 0
    ? items.map((c) => ({ label: c.code ?? c.name, value: c.score, max: c.max ?? scale, valueText: scoreText(c.score, c.max, d) }))
    : null;
  return {
    number: count > 1 ? roman(position) : null,
    title: spec.title ?? null,
    name: index.name,
    year: String(index.year),
    previousYear: index.previous ? String(index.previous.year) : null,
    rows,
    bars,
  };
}
