/**
 * A new conclusion file for `ketluan new`: the schema line (so the editor
 * completes and checks as the clerk types), the issuer, and the parts an
 * office repeats from notice to notice (Nơi nhận, the "Lưu:" line, the
 * signature, the closing sentence) taken from the issuer's latest notice in
 * the archive.
 *
 * What only the clerk can write is left empty under a `# ĐIỀN:` comment.
 * An empty value is a schema error, so `ketluan check` points at exactly
 * those lines and `build` refuses to print a notice with a hole in it;
 * nothing placeholder-like can ever reach a signed document.
 */
import { stringify } from 'yaml';

/** The marker above every line the clerk must fill. */
export const FILL_MARK = '# ĐIỀN:';

/** Parts copied from an earlier notice of the same issuer. */
export interface ScaffoldDefaults {
  /** The file they come from (named in a comment). */
  readonly from: string;
  readonly recipients?: unknown;
  readonly archive?: unknown;
  readonly signature?: unknown;
  readonly closing?: unknown;
  readonly meetingKind?: unknown;
}

/** What `scaffold` needs. */
export interface ScaffoldOptions {
  readonly issuerId: string;
  /** The issuer's place, shown in a comment (it is printed from the config). */
  readonly place?: string;
  readonly symbol?: string;
  /** Path from the new file's folder to conclusion.schema.json, with forward slashes. */
  readonly schemaPath: string;
  readonly meetingDate?: string;
  readonly defaults?: ScaffoldDefaults;
}

/** A block of YAML for `key: value`, indented by `indent`. */
function block(key: string, value: unknown, indent = ''): string {
  return stringify({ [key]: value }, { lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}

/** The new file's text. */
export function scaffold(o: ScaffoldOptions): string {
  const d = o.defaults;
  const lines: string[] = [
    `# yaml-language-server: $schema=${o.schemaPath}`,
    '# Thông báo kết luận (bản nháp). Điền các mục có ghi "ĐIỀN", rồi chạy:',
    '#   npx ketluan check <tệp>   để kiểm tra;',
    '#   npx ketluan issue <tệp>   để cấp số, ghi ngày ban hành và tạo DOCX, PDF.',
  ];
  if (d) lines.push(`# Nơi nhận, dòng "Lưu:", chữ ký và câu kết lấy theo ${d.from}; sửa nếu cần.`);
  lines.push(
    block('issuer', o.issuerId) + (o.place || o.symbol ? `   # ${[o.symbol, o.place].filter(Boolean).join(', ')}` : ''),
    '# number, issued: để trống khi còn là dự thảo; lệnh "npx ketluan issue" sẽ điền.',
    '',
    'meeting:',
    `  kind: ${typeof d?.meetingKind === 'string' ? stringify(d.meetingKind).trimEnd() : 'Hội nghị'}   # hoặc: cuộc họp, buổi làm việc`,
  );
  if (o.meetingDate) lines.push(`  date: ${o.meetingDate}`);
  else lines.push(`  ${FILL_MARK} ngày họp, dạng 2024-05-10`, '  date:');
  lines.push(
    '  # until: 2024-05-11   # ngày cuối nếu họp nhiều ngày ("Từ ngày 10 đến ngày 11 tháng 5 năm 2024")',
    '  # time: sáng          # hoặc chiều, tối ("Sáng ngày …")',
    '  # venue: trụ sở …',
    `  ${FILL_MARK} nội dung cuộc họp, viết tiếp sau hình thức họp, ví dụ: sơ kết công tác cải cách hành chính 6 tháng đầu năm`,
    '  subject:',
    '  chair:',
    '    # name: họ và tên người chủ trì',
    `    ${FILL_MARK} chức vụ người chủ trì, ví dụ: Chủ tịch UBND huyện`,
    '    title:',
    '    # role: Trưởng Ban Chỉ đạo …   # cương vị ghi sau chức vụ',
    '    # short: Chủ tịch UBND huyện   # cách gọi ở lần nhắc sau ("… kết luận")',
    '  # attendeesLead: Cùng dự có      # lời dẫn trước thành phần dự họp (mặc định "Tham dự … có")',
    '  # attendees:        # thành phần dự họp, mỗi dòng một nhóm',
    '  #   - …',
    '  # reports:          # các báo cáo đã nghe',
    '  #   - by: Phòng …',
    '  #     content: báo cáo …',
    '# style: { comrade: false, chairOrder: title-name, chairVerb: chủ trì, heard: opinions, concludes: "kết luận:" }',
    '# openingText:        # hoặc viết tự do đoạn mở đầu; [[date]] chèn ngày họp',
    '#   intro: "[[date]], tại …, … chủ trì …"',
    '#   heard: "Sau khi nghe …, … kết luận như sau:"',
    '',
    `${FILL_MARK} nội dung kết luận, mỗi đoạn một dòng bắt đầu bằng "- ". Mục có tiêu đề, mục theo cơ quan:`,
    '#   - heading: Đánh giá chung',
    '#     content:',
    '#       - Đoạn văn …',
    '#   - agency: Phòng Nội vụ',
    '#     content:',
    '#       - text: Chủ trì, phối hợp … [[deadline]].',
    '#         deadline: 2024-06-30     # hoặc 2024-06, 2024-Q3, 2024 ("trong năm 2024"), thường xuyên',
    '#   - heading: Quan điểm',
    '#     childNumbering: ordinal      # các đoạn con: Thứ nhất, …; hoặc paren-arabic (1), paren-roman (i), none',
    '#     childLabels: italic',
    '#     content:',
    '#       - item: …',
    '#   - item: Các bộ gửi Bộ Tư pháp [[deadline:1]] để tổng hợp, báo cáo [[deadline:2]].',
    '#     tasks:                        # nhiều nhiệm vụ trong một câu',
    '#       - { lead: Các bộ, deadline: 2024-06-05 }',
    '#       - { lead: Bộ Tư pháp, deadline: { on: 2024-06-10, phrase: latest } }',
    'body:',
    '',
  );
  if (typeof d?.closing === 'string') lines.push(block('closing', d.closing));
  else lines.push('# closing: câu kết, ví dụ: Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện');
  lines.push('');
  if (Array.isArray(d?.recipients) && d.recipients.length > 0) lines.push(block('recipients', d.recipients));
  else lines.push(`${FILL_MARK} nơi nhận, mỗi dòng một nơi (ketluan tự thêm "-" và ";")`, 'recipients:');
  lines.push('# archive: { units: [VT, { unit: NV, copies: 2 }], drafter: Hg }   # in "Lưu: VT, NV (2). Hg."');
  lines.push(d?.archive !== undefined ? block('archive', d.archive) : 'archive: [VT]');
  lines.push('');
  if (d?.signature && typeof d.signature === 'object') lines.push(block('signature', d.signature));
  else {
    lines.push(
      'signature:',
      `  ${FILL_MARK} quyền hạn ký: TM, KT, TL, TUQ, Q hoặc none (cấp trưởng ký)`,
      '  authority:',
      '  # for: Chủ tịch     # chức vụ được ký thay (với KT, TL, TUQ)',
      `  ${FILL_MARK} mã người ký trong ketluan.config.yaml (mục signers)`,
      '  signer:',
    );
  }
  return lines.join('\n') + '\n';
}
