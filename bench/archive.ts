/**
 * A synthetic archive for the build benchmark: N notices made from the two
 * example shapes in conclusions/ (the Bắc Sơn PAR/DDCI notice, sections per
 * agency, and the Nam Định PCI/PAR notice, numbered items), 1 to 6 pages
 * long, each with its own subject, dates and a distinct number per issuer
 * and year, so the archive is valid and its register has no gaps.
 *
 *   node --import tsx bench/archive.ts DIR [COUNT]     # writes an archive
 *
 * Also runs one `ketluan` command in a child process and reports its wall
 * time and peak RSS (the whole process: main thread and render threads).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';

const repo = new URL('..', import.meta.url);
const read = (path: string): Record<string, unknown> => parse(readFileSync(new URL(path, repo), 'utf8')) as Record<string, unknown>;

/** The two example shapes. */
const shapes = [
  // Body characters per page, measured: the index phrases ([[DDCI:high]]…) make Bắc Sơn's text longer than its YAML.
  { name: 'bac-son', data: read('conclusions/2023/bac-son-2023-par-ddci.yaml'), charsPerPage: 2000 },
  { name: 'nam-dinh', data: read('conclusions/2019/nam-dinh-2019-pci-par.yaml'), charsPerPage: 2700 },
] as const;

/** A small deterministic generator (mulberry32), so every run writes the same archive. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Body characters that fit on one page besides the header, opening, Nơi nhận and signature (measured). */
const FIRST_PAGE_CHARS = 500;

const textLength = (v: unknown): number => (typeof v === 'string' ? v.length : Array.isArray(v) ? v.reduce((n: number, x) => n + textLength(x), 0) : v && typeof v === 'object' ? Object.values(v).reduce((n: number, x) => n + textLength(x), 0) : 0);

/** Moves every date-like string (deadlines) of the body into `year + 1`, so no deadline precedes the meeting. */
function shiftDates(v: unknown, year: number): unknown {
  if (typeof v === 'string') return /^20\d\d-(\d\d(-\d\d)?|Q[1-4])$/.test(v) ? `${year + 1}${v.slice(4)}` : v;
  if (Array.isArray(v)) return v.map((x) => shiftDates(x, year));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shiftDates(x, year)]));
  return v;
}

/**
 * A body of about `bodyChars` characters: the shape's top-level entries in
 * order, repeated as needed; the entry that crosses the budget keeps only as
 * many of its items as fit (at least one), so short notices stay short.
 */
function bodyOf(body: readonly unknown[], bodyChars: number, year: number): unknown[] {
  const out: unknown[] = [];
  let length = 0;
  for (let i = 0; length < bodyChars && out.length < 400; i++) {
    const entry = shiftDates(body[i % body.length], year) as Record<string, unknown> | string;
    const size = textLength(entry);
    const content = typeof entry === 'object' && Array.isArray(entry.content) ? (entry.content as unknown[]) : undefined;
    if (length + size <= bodyChars || typeof entry !== 'object' || !content) {
      out.push(entry);
      length += size;
      continue;
    }
    const kept: unknown[] = [];
    for (const item of content) {
      if (kept.length > 0 && length + textLength(item) > bodyChars) break;
      kept.push(item);
      length += textLength(item);
    }
    out.push({ ...entry, content: kept });
    break;
  }
  return out;
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** One notice of the archive. */
export interface Generated {
  readonly file: string;
  readonly pages: number;
}

/**
 * Writes `count` notices into `dir`/conclusions/<year>/, plus the example
 * config; returns their paths (relative to `dir`) and intended page counts.
 */
export function generateArchive(dir: string, count: number, seed = 1): Generated[] {
  const rnd = random(seed);
  mkdirSync(dir, { recursive: true });
  cpSync(new URL('ketluan.config.yaml', repo), join(dir, 'ketluan.config.yaml'));
  const years = [2019, 2020, 2021, 2022, 2023, 2024];
  // Notices per issuer and year, so numbers and dates can run in order.
  const slots = new Map<string, number>();
  const plan = Array.from({ length: count }, (_, i) => {
    const shape = shapes[i % 2];
    const year = years[Math.floor(i / 2) % years.length];
    const key = `${shape.name}-${year}`;
    const index = slots.get(key) ?? 0;
    slots.set(key, index + 1);
    return { i, shape, year, index, pages: 1 + Math.floor(rnd() * 6) };
  });
  const out: Generated[] = [];
  for (const p of plan) {
    const total = slots.get(`${p.shape.name}-${p.year}`)!;
    // Spread the year's notices over 1 January – 20 December, in number order.
    const issued = new Date(Date.UTC(p.year, 0, 1 + Math.floor((p.index * 350) / total)));
    const meeting = new Date(issued.getTime() - 2 * 86_400_000);
    if (meeting.getUTCFullYear() < p.year) meeting.setTime(issued.getTime());
    const data = structuredClone(p.shape.data) as Record<string, unknown>;
    const m = data.meeting as Record<string, unknown>;
    data.number = p.index + 1;
    data.issued = iso(issued);
    m.date = iso(meeting);
    m.subject = `${String(m.subject)} (đợt ${p.i + 1})`;
    if (p.pages === 1) {
      // A one-page notice: a short meeting paragraph too.
      m.attendees = (m.attendees as unknown[]).slice(0, 2);
      m.reports = (m.reports as unknown[] | undefined)?.slice(0, 1);
      delete data.summary;
    }
    data.body = bodyOf(data.body as unknown[], Math.max(300, FIRST_PAGE_CHARS + (p.pages - 1.3) * p.shape.charsPerPage), p.year);
    const file = join('conclusions', String(p.year), `${p.shape.name}-${String(p.i + 1).padStart(5, '0')}.yaml`);
    mkdirSync(join(dir, 'conclusions', String(p.year)), { recursive: true });
    const text = '# yaml-language-server: $schema=../../schemas/conclusion.schema.json\n' + stringify(data, { lineWidth: 0 });
    writeFileSync(join(dir, file), text);
    out.push({ file, pages: p.pages });
  }
  return out;
}

/** What one measured command did. */
export interface Run {
  readonly wallMs: number;
  /** Peak resident memory of the whole process (main thread and render threads). */
  readonly peakRssMB: number;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `ketluan ARGS` in `cwd` in a fresh Node process through
 * bin/ketluan.js, as `npx ketluan` runs (the bundle when it matches the
 * sources, else tsx), and measures it from the outside (wall) and the
 * inside (getrusage of the whole process, render threads included, read as
 * it exits).
 */
export function runKetluan(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const bin = new URL('bin/ketluan.js', repo);
  const code = [
    // bin/ketluan.js reads its arguments from process.argv, as when run as a script.
    `process.argv = [process.execPath, ${JSON.stringify(bin.pathname)}, ...JSON.parse(process.env.KETLUAN_BENCH_ARGS)];`,
    "process.on('exit', () => process.stderr.write('\\nKETLUAN_BENCH ' + JSON.stringify({ maxRSS: process.resourceUsage().maxRSS, code: process.exitCode ?? 0 }) + '\\n'));",
    `await import(${JSON.stringify(bin.href)});`,
  ].join('\n');
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd,
    env: { ...process.env, CI: '1', ...env, KETLUAN_BENCH_ARGS: JSON.stringify(args) },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - start;
  const m = /KETLUAN_BENCH (\{.*\})/.exec(child.stderr ?? '');
  const report = m ? (JSON.parse(m[1]) as { maxRSS: number; code: number }) : { maxRSS: 0, code: child.status ?? -1 };
  return {
    wallMs,
    peakRssMB: report.maxRSS / 1024,
    code: report.code,
    stdout: child.stdout ?? '',
    stderr: (child.stderr ?? '').replace(/\nKETLUAN_BENCH .*\n?/, ''),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, count = '1000'] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: node --import tsx bench/archive.ts DIR [COUNT]\n');
    process.exit(2);
  }
  const made = generateArchive(dir, Number(count));
  process.stdout.write(`${made.length} notices written to ${dir}\n`);
}
