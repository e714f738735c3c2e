/**
 * Notices whose footnotes do not fit on their page, for
 * footnote-overflow.test.ts and for measuring against LibreOffice
 * (`node --import tsx test/writers/footnote-overflow-docs.ts DIR` writes
 * each as DOCX and PDF, then `npm run parity -- DIR`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sampleNotice } from '../../bench/writers.ts';
import type { Block, Doc, Run } from '../../src/ir.ts';

/** `count` numbered sentences, "Câu <tag>1 …", "Câu <tag>2 …": a note as long as needed, each sentence findable. */
export function sentences(tag: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `Câu ${tag}${i + 1} về việc triển khai Nghị quyết, bảo đảm kết nối, chia sẻ dữ liệu giữa các cơ quan nhà nước.`).join(' ');
}

const mark = (number: number, text: string): Run => ({ text: String(number), footnote: { number, runs: [{ text }] } });

/** The sample notice with `marks` appended to its paragraph or heading `at` (an index into the body); more pairs may follow. */
function marked(at: number, marks: readonly Run[], ...more: [number, readonly Run[]][]): Doc {
  const doc = sampleNotice();
  const add = new Map<number, readonly Run[]>([[at, marks], ...more]);
  const body = doc.body.map((block, i): Block => {
    const extra = add.get(i);
    return extra && (block.type === 'paragraph' || block.type === 'heading') ? { ...block, runs: [...block.runs, ...extra] } : block;
  });
  return { ...doc, body };
}

/** The overflow cases: the note texts are sentences(tag, n). */
export const overflowDocs: Record<string, { doc: Doc; notes: Record<number, string> }> = (() => {
  const longer = sentences('A', 90);
  const several = [sentences('A', 20), sentences('B', 20), sentences('C', 20)];
  const appendixNote = sentences('P', 90);
  const beyond = sentences('Z', 250);
  const heading = sentences('H', 90);
  const base = sampleNotice();
  return {
    // One note taller than a page, marked in the notice's first paragraph.
    'longer-than-a-page': { doc: marked(0, [mark(1, longer)]), notes: { 1: longer } },
    // Three long notes marked in one paragraph: together taller than the room on the page.
    'several-long-notes': { doc: marked(0, several.map((t, i) => mark(i + 1, t))), notes: { 1: several[0], 2: several[1], 3: several[2] } },
    // A heading's note taller than a page, then marks in the paragraphs after it (the first kept to the heading).
    'heading-then-marks': {
      doc: marked(2, [mark(1, heading)], [3, [mark(2, 'Ghi chú ngắn thứ hai.')]], [4, [mark(3, 'Ghi chú ngắn thứ ba.')]]),
      notes: { 1: heading, 2: 'Ghi chú ngắn thứ hai.', 3: 'Ghi chú ngắn thứ ba.' },
    },
    // A note of several pages marked near the notice's end: pages of notes alone follow the body.
    'notes-beyond-the-body': { doc: marked(base.body.length - 1, [mark(1, beyond)]), notes: { 1: beyond } },
    // A note taller than a page in an appendix (appendices restart their pages).
    appendix: {
      doc: {
        ...base,
        appendices: [
          {
            label: 'Phụ lục',
            title: ['KẾT QUẢ THỰC HIỆN'],
            reference: '(Kèm theo Thông báo số 12/TB-UBND)',
            body: [
              { type: 'paragraph', runs: [{ text: 'Kết quả thực hiện theo từng nội dung như sau' }, mark(1, appendixNote), { text: '.' }] },
              ...base.body.slice(0, 6),
            ],
          },
        ],
      },
      notes: { 1: appendixNote },
    },
  };
})();

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? 'out/footnote-overflow';
  const { writeDocx } = await import('../../src/writers/docx/index.ts');
  const { loadFonts, writePdf } = await import('../../src/writers/pdf/index.ts');
  mkdirSync(dir, { recursive: true });
  for (const [name, { doc }] of Object.entries(overflowDocs)) {
    writeFileSync(join(dir, `${name}.docx`), await writeDocx(doc));
    writeFileSync(join(dir, `${name}.pdf`), await writePdf(doc, loadFonts()));
  }
}
