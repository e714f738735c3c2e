/**
 * Index results (PAR INDEX, PCI, DDCI…) prepared for the phrase templates:
 * formatted figures, the change against last year, ranks as ordinals and
 * the split of component indices into high and low scorers. Code computes;
 * `templates/phrases/*.hbs` say.
 */
import type { Component, IndexResult } from '../conclusion.ts';
import { formatDecimal, ordinalWord, pad2 } from './numbers.ts';

/** Direction of a change between two years. */
export type Direction = 'up' | 'down' | 'same';

/** A change in score or rank; `amount` is formatted and positive. */
export interface ChangeView {
  readonly direction: Direction;
  readonly amount: string;
}

/** One component index as printed in the lists. */
export interface ComponentView {
  /** "CSTP1 - Tính minh bạch…" or the bare name. */
  readonly label: string;
  /** "8,63" or "4,5/9". */
  readonly score: string;
  /** The rank words after the rank word: "thứ nhất", "cuối"; null without a rank. */
  readonly rank: string | null;
}

/** Everything a phrase template may print about one index; every key present. */
export interface IndexView {
  readonly id: string;
  readonly name: string;
  readonly year: string;
  readonly score: string;
  readonly max: string | null;
  /** Score as a percentage of the maximum, two decimals ("87,50"). */
  readonly percent: string | null;
  /** "02" or "2" per the issuer's padding style. */
  readonly rank: string | null;
  /** "thứ nhất", "thứ hai"… or "cuối" for the last unit. */
  readonly rankOrdinal: string | null;
  readonly units: string | null;
  readonly unitsLabel: string | null;
  readonly previousYear: string | null;
  readonly scoreChange: ChangeView | null;
  readonly rankChange: ChangeView | null;
  /** Both changes exist and point the same way ("tăng 1,58 điểm và 6 bậc"). */
  readonly sameDirection: boolean;
  readonly wording: IndexResult['wording'];
  readonly componentRankWord: string;
  readonly componentCount: number;
  readonly high: readonly ComponentView[];
  readonly low: readonly ComponentView[];
}

/** Decimals needed to print `value` exactly (at most 4). */
function decimalsOf(value: number): number {
  const text = String(Number(value.toFixed(4)));
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Change from `before` to `after`; rounding follows the inputs' precision. */
export function scoreChange(after: number, before: number, decimals?: number): ChangeView {
  const places = decimals ?? Math.max(decimalsOf(after), decimalsOf(before));
  const delta = Number((after - before).toFixed(places));
  return {
    direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same',
    amount: formatDecimal(Math.abs(delta), decimals),
  };
}

/** Rank change: a smaller rank number is an improvement ("tăng … bậc"). */
export function rankChange(after: number, before: number, pad: boolean): ChangeView {
  const steps = before - after;
  const amount = Math.abs(steps);
  return {
    direction: steps > 0 ? 'up' : steps < 0 ? 'down' : 'same',
    amount: pad ? pad2(amount) : String(amount),
  };
}

/** Whether a component counts as high-scoring: its own `level`, else the split rule. */
export function isHigh(c: Component, split: { rankAtMost?: number; scoreAtLeast?: number } | undefined): boolean {
  if (c.level) return c.level === 'high';
  if (split?.rankAtMost !== undefined && c.rank !== undefined) return c.rank <= split.rankAtMost;
  if (split?.scoreAtLeast !== undefined) {
    const value = c.max ? (c.score / c.max) * 100 : c.score;
    return value >= split.scoreAtLeast;
  }
  return false;
}

/** Rank words of a component: "thứ nhất" … or "cuối" for the last unit. */
export function componentRank(rank: number | undefined, units: number | undefined): string | null {
  if (rank === undefined) return null;
  if (units !== undefined && rank === units && units > 1) return 'cuối';
  return `thứ ${ordinalWord(rank)}`;
}

/** Prepares one index for the phrase templates. */
export function indexView(index: IndexResult, padNumbers: boolean): IndexView {
  const previous = index.previous;
  const score = formatDecimal(index.score, index.decimals);
  const sc = previous?.score !== undefined ? scoreChange(index.score, previous.score, index.decimals) : null;
  const rc = previous?.rank !== undefined && index.rank !== undefined ? rankChange(index.rank, previous.rank, padNumbers) : null;
  const components = index.components;
  const componentUnits = components?.units ?? index.units;
  const toView = (c: Component): ComponentView => ({
    label: c.code ? `${c.code} - ${c.name}` : c.name,
    score: c.max !== undefined ? `${formatDecimal(c.score, index.decimals)}/${formatDecimal(c.max)}` : formatDecimal(c.score, index.decimals),
    rank: componentRank(c.rank, componentUnits),
  });
  const items = components?.items ?? [];
  return {
    id: index.id,
    name: index.name,
    year: String(index.year),
    score,
    max: index.max !== undefined ? formatDecimal(index.max) : null,
    percent: index.max !== undefined ? formatDecimal((index.score / index.max) * 100, 2) : null,
    rank: index.rank !== undefined ? (padNumbers ? pad2(index.rank) : String(index.rank)) : null,
    rankOrdinal: componentRank(index.rank, index.units),
    units: index.units !== undefined ? String(index.units) : null,
    unitsLabel: index.unitsLabel ?? null,
    previousYear: previous ? String(previous.year) : null,
    scoreChange: sc,
    rankChange: rc,
    sameDirection: sc !== null && rc !== null && sc.direction === rc.direction && sc.direction !== 'same',
    wording: index.wording,
    componentRankWord: components?.rankWord ?? 'vị trí',
    componentCount: items.length,
    high: items.filter((c) => isHigh(c, components?.split)).map(toView),
    low: items.filter((c) => !isHigh(c, components?.split)).map(toView),
  };
}

/** Last year's figures of an index as found in the archive (from last year's notice). */
export type PreviousLookup = (indexId: string, year: number) => { readonly score?: number; readonly rank?: number } | undefined;

/**
 * Fills an index's missing last-year figures from the archive when the clerk
 * asks for it (`previous: { year, fromArchive: true }`): last year's notice
 * of the same issuer with the same index gives its score and rank. Figures
 * the clerk typed always win. Explicit, so that only such notices depend on
 * other files (and are rebuilt when those change).
 */
export function withArchivePrevious(index: IndexResult, lookup: PreviousLookup | undefined): IndexResult {
  if (!lookup || !index.previous?.fromArchive || (index.previous.score !== undefined && index.previous.rank !== undefined)) return index;
  const year = index.previous.year;
  const found = lookup(index.id, year);
  if (!found) return index;
  return {
    ...index,
    previous: {
      year,
      fromArchive: true,
      ...(found.score !== undefined ? { score: found.score } : {}),
      ...(found.rank !== undefined ? { rank: found.rank } : {}),
      ...(index.previous?.score !== undefined ? { score: index.previous.score } : {}),
      ...(index.previous?.rank !== undefined ? { rank: index.previous.rank } : {}),
    },
  };
}
