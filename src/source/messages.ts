/**
 * The words of every KL1xx diagnostic, Vietnamese for clerks with an
 * English twin. Positions and severities are decided in index.ts; this
 * module only says things.
 */

import type { Bilingual } from '../diagnostics.ts';
import { excerpt } from '../diagnostics.ts';
import type { Code } from '../validate/codes.ts';
import type { LegacyEncoding } from './encoding.ts';
import { encodingName } from './encoding.ts';

/** What a diagnostic says: its message and, when useful, a hint. */
export interface Said {
  readonly message: Bilingual;
  readonly hint?: Bilingual;
}

const quoteHint: Bilingual = {
  vi: 'nếu đây là một phần của nội dung, hãy đặt cả giá trị trong dấu nháy kép, ví dụ: khóa: "Về việc: …"',
  en: 'if this is part of the text, put the whole value in double quotes, e.g. key: "Re: ..."',
};

/** `meeting.date: ` before a message about a value, nothing at the top level. */
function at(path: string): string {
  return path === '' ? '' : `\`${path}\`: `;
}

/** KL100 */
export function emptyFile(onlyComments: boolean): Said {
  return onlyComments
    ? {
        message: { vi: 'tệp chỉ có ghi chú hoặc dòng trống, không có nội dung nào', en: 'the file holds only comments or blank lines, no content' },
        hint: { vi: 'viết nội dung cuộc họp theo dạng `khóa: giá trị`, mỗi khóa một dòng', en: 'describe the meeting as `key: value` lines' },
      }
    : {
        message: { vi: 'tệp trống (0 byte)', en: 'the file is empty (0 bytes)' },
        hint: { vi: 'có thể tệp chưa được lưu; hãy mở lại và lưu tệp', en: 'perhaps it was never saved; open it and save again' },
      };
}

/** KL101 */
export function tooLarge(bytes: number, limit: number): Said {
  const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
  return {
    message: {
      vi: `tệp quá lớn (${mb(bytes)} MB); một tệp kết luận không được quá ${mb(limit)} MB`,
      en: `the file is too large (${mb(bytes)} MB); a conclusion file may be at most ${mb(limit)} MB`,
    },
    hint: {
      vi: 'kiểm tra xem có chọn nhầm tệp không (ảnh, tệp nén, bản sao lưu…)',
      en: 'check that this is the right file (not an image, archive or backup)',
    },
  };
}

/** KL102 */
export function binaryFile(kind: Bilingual): Said {
  return {
    message: { vi: `đây là ${kind.vi}, không phải tệp văn bản YAML`, en: `this is ${kind.en}, not a YAML text file` },
    hint: {
      vi: 'ketluan đọc tệp .yaml soạn bằng trình soạn thảo văn bản (Notepad, VS Code…); kiểm tra xem có chọn nhầm tệp không',
      en: 'ketluan reads .yaml files written in a text editor (Notepad, VS Code, ...); check that this is the right file',
    },
  };
}

const saveAsUtf8: Bilingual = {
  vi: 'mở tệp bằng Notepad hoặc VS Code, chọn Lưu thành (Save As) với bảng mã (Encoding) UTF-8',
  en: 'open the file in Notepad or VS Code and Save As with encoding UTF-8',
};

/** KL103 */
export function invalidUtf8(): Said {
  return {
    message: {
      vi: 'tệp không phải văn bản UTF-8 hợp lệ (byte lỗi bắt đầu từ đây) và không nhận ra bảng mã tiếng Việt cũ nào',
      en: 'the file is not valid UTF-8 (the first bad byte is here) and no legacy Vietnamese encoding was recognised',
    },
    hint: saveAsUtf8,
  };
}

/** KL104 */
export function legacyEncoding(encoding: LegacyEncoding, sample: string): Said {
  const name = encodingName[encoding];
  return {
    message: {
      vi: `tệp được lưu bằng bảng mã ${name.vi}, không phải Unicode UTF-8; đọc theo ${name.vi} thì dòng này là: '${excerpt(sample, 80)}'`,
      en: `the file is saved in the ${name.en} encoding, not Unicode UTF-8; read as ${name.en} this line says: '${excerpt(sample, 80)}'`,
    },
    hint: {
      vi: 'chuyển tệp sang Unicode (ví dụ bằng công cụ chuyển mã của UniKey: nguồn ' +
        (encoding === 'cp1258' ? 'Windows CP 1258' : encoding === 'vni' ? 'VNI Windows' : 'TCVN3 (ABC)') +
        ', đích Unicode) rồi lưu lại với bảng mã UTF-8',
      en: 'convert the file to Unicode (e.g. with the UniKey toolkit) and save it as UTF-8',
    },
  };
}

/** KL105 */
export function utf16(): Said {
  return {
    message: {
      vi: 'tệp được lưu bằng bảng mã UTF-16 (Notepad gọi là "Unicode"); ketluan cần UTF-8',
      en: 'the file is saved as UTF-16 (Notepad calls it "Unicode"); ketluan needs UTF-8',
    },
    hint: saveAsUtf8,
  };
}

/** KL106 */
export function multipleDocuments(): Said {
  return {
    message: {
      vi: 'tệp có nhiều tài liệu YAML (ngăn cách bởi dòng ---); mỗi tệp chỉ mô tả một cuộc họp',
      en: 'the file holds several YAML documents (separated by ---); each file describes one meeting',
    },
    hint: { vi: 'tách phần từ dòng --- này trở đi sang một tệp khác', en: 'move everything from this --- line on into a separate file' },
  };
}

/** KL107, for the whole file. */
export function notNfc(lines: number): Said {
  return {
    message: {
      vi: `văn bản dùng dấu tiếng Việt dạng tổ hợp (Unicode NFD) ở ${lines} dòng; ketluan đã tự chuyển sang dạng dựng sẵn (NFC)`,
      en: `the text uses decomposed accents (Unicode NFD) on ${lines} line(s); ketluan normalised it to NFC`,
    },
    hint: {
      vi: 'không cần làm gì; để tránh ghi chú này, đặt bộ gõ (UniKey…) ở bảng mã "Unicode dựng sẵn"',
      en: 'nothing to do; to avoid this note, set the keyboard (UniKey, ...) to precomposed Unicode',
    },
  };
}

/** KL107, for a value written with escapes. */
export function valueNotNfc(): Said {
  return {
    message: {
      vi: 'giá trị này tạo ra dấu tiếng Việt dạng tổ hợp (NFD); ketluan đã chuyển sang dạng dựng sẵn (NFC)',
      en: 'this value produces decomposed accents (NFD); ketluan normalised it to NFC',
    },
  };
}

/** Unicode name-ish label of a character: U+0007. */
function codePoint(ch: string): string {
  return 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

/** KL108 */
export function controlChar(ch: string, more: number): Said {
  const extra = more > 0 ? { vi: ` (và ${more} chỗ khác trong tệp)`, en: ` (and ${more} more in the file)` } : { vi: '', en: '' };
  return {
    message: {
      vi: `ký tự điều khiển vô hình ${codePoint(ch)} ở đây${extra.vi}; ký tự này không in ra được`,
      en: `invisible control character ${codePoint(ch)} here${extra.en}; it cannot be printed`,
    },
    hint: {
      vi: 'xóa ký tự này (thường lẫn vào khi sao chép từ tệp khác hoặc từ trang web)',
      en: 'delete it (it usually comes with text copied from another file or a web page)',
    },
  };
}

/** KL109 */
export function invisibleChar(ch: string, more: number): Said {
  const names: Record<string, Bilingual> = {
    '\u00ad': { vi: 'dấu gạch nối mềm', en: 'soft hyphen' },
    '\u200b': { vi: 'dấu cách độ rộng 0', en: 'zero-width space' },
    '\u200c': { vi: 'ký tự nối độ rộng 0', en: 'zero-width non-joiner' },
    '\u200d': { vi: 'ký tự nối độ rộng 0', en: 'zero-width joiner' },
    '\u2060': { vi: 'ký tự nối từ vô hình', en: 'word joiner' },
    '\ufeff': { vi: 'dấu BOM lạc giữa văn bản', en: 'stray byte-order mark' },
    '\u2028': { vi: 'ký tự xuống dòng Unicode', en: 'Unicode line separator' },
    '\u2029': { vi: 'ký tự xuống đoạn Unicode', en: 'Unicode paragraph separator' },
  };
  const name = names[ch] ?? { vi: 'ký tự điều khiển hướng chữ', en: 'text-direction control' };
  const extra = more > 0 ? { vi: ` (và ${more} chỗ khác trong tệp)`, en: ` (and ${more} more in the file)` } : { vi: '', en: '' };
  // Kept in step with REMOVED_INVISIBLES in tree.ts.
  if (/^[\u00ad\u200b-\u200d\u2060\ufeff]$/.test(ch)) {
    return {
      message: {
        vi: `ký tự vô hình ${codePoint(ch)} (${name.vi}) ở đây${extra.vi}; ketluan bỏ ký tự này khi đọc, không in ra`,
        en: `invisible character ${codePoint(ch)} (${name.en}) here${extra.en}; ketluan drops it when reading`,
      },
      hint: {
        vi: 'ký tự này thường lẫn vào khi dán từ Word; xóa nó để hết cảnh báo (nó không hiện trên màn hình nhưng vẫn được lưu)',
        en: 'it usually comes with text pasted from Word; delete it to silence this warning (it is not shown on screen but is stored)',
      },
    };
  }
  return {
    message: {
      vi: `ký tự vô hình ${codePoint(ch)} (${name.vi}) ở đây${extra.vi}`,
      en: `invisible character ${codePoint(ch)} (${name.en}) here${extra.en}`,
    },
    hint: { vi: 'xóa ký tự này; nó không hiện trên màn hình nhưng vẫn được lưu', en: 'delete it; it is not shown on screen but is stored' },
  };
}

/** KL110 */
export function tabInValue(path: string): Said {
  return {
    message: {
      vi: `${at(path)}giá trị có ký tự Tab; trong văn bản chính thức Tab không hiển thị đúng`,
      en: `${at(path)}the value contains a tab character, which does not print correctly`,
    },
    hint: {
      vi: 'thay Tab bằng dấu cách (Tab thường lẫn vào khi sao chép từ Excel); nếu cần giữ nguyên khoảng cách, dùng đoạn văn `|`',
      en: 'replace the tab with spaces (tabs often come from Excel); use a `|` block if the layout matters',
    },
  };
}

/** KL111 */
export function mojibake(path: string, encoding: LegacyEncoding, before: string, after: string): Said {
  const name = encodingName[encoding];
  return {
    message: {
      vi: `${at(path)}văn bản có vẻ bị sai bảng mã (${name.vi}): '${excerpt(before)}' — có lẽ là '${excerpt(after)}'`,
      en: `${at(path)}the text looks mis-encoded (${name.en}): '${excerpt(before)}' — probably '${excerpt(after)}'`,
    },
    hint: {
      vi: 'gõ lại bằng bộ gõ Unicode, hoặc chuyển mã đoạn văn (UniKey: Công cụ chuyển mã) rồi dán lại',
      en: 'retype it with a Unicode keyboard, or convert the text (UniKey toolkit) and paste it again',
    },
  };
}

/** KL112 */
export function rootNotMapping(kind: 'scalar' | 'seq'): Said {
  return kind === 'seq'
    ? {
        message: {
          vi: 'tệp bắt đầu bằng một danh sách (`- …`), nhưng ở cấp ngoài cùng ketluan cần các dòng `khóa: giá trị`',
          en: 'the file is a list (`- ...`) at the top level; ketluan needs `key: value` lines there',
        },
      }
    : {
        message: {
          vi: 'tệp này không phải tệp YAML của ketluan: không có dòng `khóa: giá trị` nào ở cấp ngoài cùng',
          en: 'this is not a ketluan YAML file: there are no `key: value` lines at the top level',
        },
        hint: { vi: 'mỗi dòng có dạng `khóa: giá trị`, ví dụ: `ngay_hop: 2024-03-15`', en: 'each line reads `key: value`, e.g. `date: 2024-03-15`' },
      };
}

/** KL113 */
export function loneSurrogate(path: string): Said {
  return {
    message: {
      vi: `${at(path)}giá trị chứa mã \\u không tạo thành ký tự Unicode hợp lệ (nửa cặp surrogate)`,
      en: `${at(path)}the value has a \\u escape that is not a valid Unicode character (unpaired surrogate)`,
    },
    hint: { vi: 'gõ trực tiếp ký tự thay vì dùng mã \\u', en: 'type the character itself instead of a \\u escape' },
  };
}

/** KL114 */
export function tooDeep(limit: number): Said {
  return {
    message: {
      vi: `dữ liệu lồng nhau quá sâu (quá ${limit} cấp) từ chỗ này`,
      en: `the data nests too deeply here (more than ${limit} levels)`,
    },
    hint: {
      vi: 'một tệp kết luận chỉ cần vài cấp thụt lề; kiểm tra các dấu [ { chưa đóng hoặc thụt lề thừa',
      en: 'a conclusion needs only a few levels; look for unclosed [ { or runaway indentation',
    },
  };
}

/** KL140 */
export function tooManyKeys(count: number, limit: number): Said {
  return {
    message: {
      vi: `nhóm khóa này có ${count} khóa; ketluan đọc tối đa ${limit} khóa trong một nhóm`,
      en: `this mapping has ${count} keys; ketluan reads at most ${limit} keys in one mapping`,
    },
    hint: {
      vi: 'một thông báo kết luận chỉ cần vài chục khóa; kiểm tra xem có dán nhầm dữ liệu (bảng tính, danh sách dài) vào tệp không',
      en: 'a conclusion needs a few dozen keys; check whether data (a spreadsheet, a long list) was pasted in by mistake',
    },
  };
}

/** Names of the spaces Word and web pages put where a clerk typed a space. */
function spaceName(ch: string): Bilingual {
  switch (ch) {
    case '\u00a0':
      return { vi: 'dấu cách không ngắt', en: 'non-breaking space' };
    case '\u202f':
      return { vi: 'dấu cách hẹp không ngắt', en: 'narrow non-breaking space' };
    case '\u3000':
      return { vi: 'dấu cách rộng của chữ Hán', en: 'ideographic space' };
    default:
      return { vi: 'dấu cách Unicode có độ rộng riêng', en: 'Unicode fixed-width space' };
  }
}

/** `, (và 3 chỗ khác)` after a message about the first of several places. */
function andMore(more: number, what: Bilingual = { vi: 'chỗ', en: 'more' }): Bilingual {
  return more > 0 ? { vi: ` (và ${more} ${what.vi} khác trong tệp)`, en: ` (and ${more} ${what.en} in the file)` } : { vi: '', en: '' };
}

/** KL141 */
export function pastedSpace(ch: string, more: number): Said {
  const name = spaceName(ch);
  const extra = andMore(more, { vi: 'dòng', en: 'more lines' });
  return {
    message: {
      vi: `${name.vi} (${codePoint(ch)}) ở đầu dòng hoặc sau \`:\`/\`-\`${extra.vi}; ketluan đọc nó như dấu cách thường`,
      en: `a ${name.en} (${codePoint(ch)}) in the indentation or after \`:\`/\`-\`${extra.en}; ketluan reads it as a plain space`,
    },
    hint: {
      vi: 'ký tự này thường lẫn vào khi dán từ Word hoặc trang web; thay bằng dấu cách thường để hết cảnh báo',
      en: 'it usually comes with text pasted from Word or a web page; type a plain space instead to silence this warning',
    },
  };
}

/** KL142 */
export function curlyQuotes(more: number): Said {
  const extra = andMore(more);
  return {
    message: {
      vi: `dấu ngoặc kép cong “…” (hoặc ‘…’) bao quanh cả giá trị${extra.vi}; ketluan đọc nó như dấu nháy thẳng "…" của YAML, không in ra`,
      en: `curly quotes “...” (or ‘...’) around a whole value${extra.en}; ketluan reads them as YAML's straight quotes "...", which are not printed`,
    },
    hint: {
      vi: 'Word tự đổi " thành “ ”; gõ dấu nháy thẳng " để hết cảnh báo. Dấu ngoặc cong ở giữa câu vẫn được in nguyên như đã viết',
      en: 'Word turns " into “ ”; type straight quotes to silence this warning. Curly quotes inside a sentence are printed as written',
    },
  };
}

/** KL143 */
export function dashMarker(ch: string, more: number): Said {
  const name = ch === '—' ? { vi: 'gạch ngang dài', en: 'em dash' } : { vi: 'gạch ngang', en: 'en dash' };
  const extra = andMore(more, { vi: 'dòng', en: 'more lines' });
  return {
    message: {
      vi: `dấu ${name.vi} \`${ch}\` (${codePoint(ch)}) mở đầu mục danh sách${extra.vi}; ketluan đọc nó như dấu \`-\` của danh sách`,
      en: `an ${name.en} \`${ch}\` (${codePoint(ch)}) starts a list item${extra.en}; ketluan reads it as the list \`-\``,
    },
    hint: {
      vi: 'Word tự đổi "- " ở đầu đoạn thành "– "; gõ dấu trừ `-` thường để hết cảnh báo',
      en: 'Word turns "- " at the start of a paragraph into "– "; type a plain `-` to silence this warning',
    },
  };
}

/** KL144 */
export function pastedBullet(bullet: string, more: number): Said {
  const extra = andMore(more, { vi: 'mục', en: 'more items' });
  return {
    message: {
      vi: `mục danh sách bắt đầu bằng dấu đầu dòng \`${bullet}\` (${codePoint(bullet)})${extra.vi}; dấu này được in ra như chữ, cạnh dấu đầu dòng ketluan tự đặt`,
      en: `a list item starts with the bullet \`${bullet}\` (${codePoint(bullet)})${extra.en}; it is printed as text, beside the bullet ketluan sets itself`,
    },
    hint: {
      vi: 'thường do dán danh sách từ Word; xóa dấu này và dấu cách sau nó ở đầu mục (ketluan tự đánh dấu đầu dòng và số thứ tự)',
      en: 'this usually comes from a list pasted from Word; delete the bullet and the space after it (ketluan sets bullets and numbers itself)',
    },
  };
}

/** KL120, for a line whose indentation holds a tab. */
export function tabIndent(more: number): Said {
  const extra = andMore(more, { vi: 'dòng', en: 'more lines' });
  return {
    message: {
      vi: `dòng này thụt lề bằng ký tự Tab (U+0009)${extra.vi}; YAML chỉ cho phép thụt lề bằng dấu cách, nên chưa đọc được cấu trúc của tệp`,
      en: `this line is indented with a tab character (U+0009)${extra.en}; YAML indents with spaces only, so the file's structure cannot be read`,
    },
    hint: {
      vi: 'xóa Tab ở đầu dòng và gõ dấu cách cho thẳng cột với các khóa cùng cấp (mỗi cấp 2 dấu cách); trong VS Code: bấm "Tab Size" ở thanh dưới cùng, chọn "Convert Indentation to Spaces"',
      en: 'replace the leading tab with spaces lining up with the keys of the same level (2 per level); in VS Code: click "Tab Size" in the status bar, then "Convert Indentation to Spaces"',
    },
  };
}

/** KL115, too much expansion. */
export function aliasBomb(limit: number): Said {
  return {
    message: {
      vi: `các tham chiếu (*tên) tạo ra quá nhiều dữ liệu (hơn ${limit} phần tử); ketluan dừng đọc để bảo vệ máy`,
      en: `aliases (*name) expand to too much data (over ${limit} nodes); ketluan stopped reading to protect the machine`,
    },
    hint: { vi: 'viết thẳng nội dung thay vì dùng &tên / *tên', en: 'write the content out instead of using &name / *name' },
  };
}

/** KL115, alias inside its own anchor. */
export function aliasCycle(name: string): Said {
  return {
    message: {
      vi: `tham chiếu *${name} trỏ vào chính phần đang chứa nó (vòng lặp vô tận)`,
      en: `alias *${name} refers to the node that contains it (an endless loop)`,
    },
  };
}

/** KL115, unknown anchor. */
export function aliasUnknown(name: string): Said {
  return {
    message: {
      vi: `tham chiếu *${name} không trỏ tới neo &${name} nào ở phía trên`,
      en: `alias *${name} refers to no anchor &${name} above it`,
    },
    hint: quoteHint,
  };
}

/** KL116 */
export function duplicateKey(path: string, key: string, firstLine: number): Said {
  return {
    message: {
      vi: `${at(path)}khóa \`${key}\` bị lặp lại; đã có ở dòng ${firstLine}`,
      en: `${at(path)}key \`${key}\` appears twice; it is already on line ${firstLine}`,
    },
    hint: { vi: 'xóa một trong hai dòng hoặc gộp nội dung lại', en: 'delete one of the two or merge them' },
  };
}

/** KL117 */
export function forbiddenKey(key: string): Said {
  return {
    message: {
      vi: `tên khóa \`${key}\` không được phép (tên dành riêng của hệ thống)`,
      en: `the key name \`${key}\` is not allowed (reserved name)`,
    },
    hint: { vi: 'đổi tên khóa', en: 'rename the key' },
  };
}

/** KL118 */
export function nonStringKey(): Said {
  return {
    message: {
      vi: 'khóa phải là một chữ hoặc cụm chữ, không được là danh sách, nhóm khóa hay tham chiếu',
      en: 'a key must be plain text, not a list, mapping or alias',
    },
  };
}

// ── YAML syntax errors ───────────────────────────────────────────────────

/** KL139, after the first syntax errors of a badly broken file. */
export function moreSyntaxErrors(count: number): Said {
  return {
    message: {
      vi: `còn ${count} lỗi cú pháp YAML khác từ đây trở đi; hãy sửa các lỗi phía trên trước`,
      en: `${count} more YAML syntax errors from here on; fix the ones above first`,
    },
  };
}

/** A translated YAML parser error: which code, and what to say. */
export interface YamlTranslation extends Said {
  readonly code: Code;
}

/** Readable names of YAML token types quoted in the parser's messages. */
const tokenWords: Record<string, Bilingual> = {
  'map-value-ind': { vi: 'dấu hai chấm `:`', en: 'colon `:`' },
  'seq-item-ind': { vi: 'dấu gạch `-` đầu mục', en: 'list dash `-`' },
  'explicit-key-ind': { vi: 'dấu `?`', en: '`?`' },
  'flow-map-start': { vi: 'dấu `{`', en: '`{`' },
  'flow-map-end': { vi: 'dấu `}`', en: '`}`' },
  'flow-seq-start': { vi: 'dấu `[`', en: '`[`' },
  'flow-seq-end': { vi: 'dấu `]`', en: '`]`' },
  'flow-error-end': { vi: 'dấu đóng ngoặc', en: 'closing bracket' },
  comma: { vi: 'dấu phẩy `,`', en: 'comma `,`' },
  anchor: { vi: 'neo `&`', en: 'anchor `&`' },
  tag: { vi: 'thẻ `!`', en: 'tag `!`' },
  alias: { vi: 'tham chiếu `*`', en: 'alias `*`' },
  scalar: { vi: 'đoạn chữ', en: 'text' },
  'doc-start': { vi: 'dòng `---`', en: '`---` line' },
  'doc-end': { vi: 'dòng `...`', en: '`...` line' },
  'block-scalar-header': { vi: 'dấu `|` hoặc `>`', en: '`|` or `>`' },
};

/**
 * Translates one error or warning of the `yaml` library (its ErrorCode and
 * English message) into ketluan's code and clerk-friendly words.
 */
export function translateYamlError(code: string, message: string): YamlTranslation {
  const en = message.replace(/\s+at line \d+, column \d+:[\s\S]*$/, '');
  const t = (c: Code, vi: string, enText: string, hint?: Bilingual): YamlTranslation => ({
    code: c,
    message: { vi, en: enText },
    ...(hint ? { hint } : {}),
  });
  switch (code) {
    case 'TAB_AS_INDENT':
      return t('KL120', 'dòng này thụt lề bằng phím Tab; YAML chỉ cho phép thụt lề bằng dấu cách', 'this line is indented with a tab; YAML indents with spaces only', {
        vi: 'xóa Tab ở đầu dòng và gõ dấu cách (mỗi cấp 2 dấu cách); có thể bật "chèn dấu cách khi bấm Tab" trong trình soạn thảo',
        en: 'replace the leading tab with spaces (2 per level); editors can insert spaces when Tab is pressed',
      });
    case 'BAD_INDENT':
      if (/mapping items must start at the same column/.test(en))
        return t('KL121', 'dòng này thụt lề lệch: các khóa cùng cấp phải bắt đầu ở cùng một cột', 'wrong indentation: keys at the same level must start in the same column', {
          vi: 'căn dòng này thẳng với khóa cùng cấp ở phía trên (đếm đúng số dấu cách ở đầu dòng)',
          en: 'align this line with the key above it at the same level',
        });
      if (/sequence items must start at the same column/.test(en))
        return t('KL121', 'dòng này thụt lề lệch: các mục danh sách (dòng bắt đầu bằng `-`) phải thẳng cột với nhau', 'wrong indentation: list items (`-`) must start in the same column');
      if (/Flow (sequence|map|mapping) in block collection/.test(en)) {
        const close = /Flow map/.test(en) ? '}' : ']';
        return t('KL121', `ngoặc mở ở trên chưa được đóng bằng \`${close}\` (hoặc dòng tiếp theo thụt lề chưa đủ)`, `a bracket opened above is not closed with \`${close}\` (or the next line is not indented enough)`);
      }
      if (/Block scalar/.test(en))
        return t('KL121', 'các dòng của đoạn văn (sau `|` hoặc `>`) phải thụt lề nhiều hơn khóa của nó và không được ít hơn dòng đầu tiên', 'the lines of a `|`/`>` block must be indented more than its key and not less than its first line');
      if (/Flow end indicator/.test(en))
        return t('KL121', 'dấu đóng ngoặc phải thụt lề nhiều hơn khóa chứa nó', 'the closing bracket must be indented more than its key');
      return t('KL121', 'thụt lề không đúng', en);
    case 'MISSING_CHAR':
      if (/Missing closing "quote/.test(en))
        return t('KL122', 'dấu nháy kép `"` mở ở đây chưa được đóng', 'the double quote `"` opened here is never closed', {
          vi: 'thêm `"` ở cuối giá trị; nếu trong nội dung có dấu `"`, viết nó thành `\\"`',
          en: 'add the closing `"`; write a `"` inside the text as `\\"`',
        });
      if (/Missing closing 'quote/.test(en))
        return t('KL122', "dấu nháy đơn `'` mở ở đây chưa được đóng", "the single quote `'` opened here is never closed", {
          vi: "thêm `'` ở cuối giá trị; nếu trong nội dung có dấu `'`, viết nó hai lần: `''`",
          en: "add the closing `'`; write a `'` inside the text as `''`",
        });
      if (/Implicit map keys need to be followed by map values/.test(en))
        return t('KL122', 'dòng này thiếu dấu hai chấm `:` sau khóa', 'this line is missing the colon `:` after its key', {
          vi: 'viết theo dạng `khóa: giá trị` (có dấu cách sau dấu hai chấm); nếu đây là phần tiếp của dòng trên, hãy thụt lề nó',
          en: 'write `key: value` (with a space after the colon); if it continues the line above, indent it',
        });
      if (/Missing , between/.test(en)) return t('KL122', 'thiếu dấu phẩy `,` giữa hai mục trong ngoặc', 'a comma `,` is missing between two items in brackets');
      if (/Missing , or : between/.test(en)) return t('KL122', 'thiếu dấu phẩy `,` hoặc dấu hai chấm `:` trong ngoặc `{ }`', 'a comma `,` or colon `:` is missing inside `{ }`');
      if (/Missing space after :/.test(en)) return t('KL122', 'thiếu dấu cách sau dấu hai chấm `:`', 'a space is missing after the colon `:`');
      if (/must end with a ([\]}])/.test(en)) {
        const close = /\}/.test(en) ? '}' : ']';
        return t('KL122', `ngoặc chưa được đóng bằng \`${close}\``, `the bracket is not closed with \`${close}\``);
      }
      if (/Comments must be separated/.test(en))
        return t('KL122', 'trước dấu `#` cần một dấu cách (dấu `#` sau dấu cách bắt đầu một ghi chú)', 'a `#` comment needs a space before it', quoteHint);
      if (/Tags and anchors must be separated/.test(en)) return t('KL122', 'sau `&tên` hoặc `!thẻ` cần một dấu cách', 'a space is needed after `&name` or `!tag`', quoteHint);
      if (/Sequence item without - indicator/.test(en)) return t('KL122', 'mục danh sách này thiếu dấu `-` ở đầu', 'this list item lacks its leading `-`');
      if (/more-indented leading empty lines/.test(en))
        return t('KL122', 'đoạn văn `|`/`>` bắt đầu bằng dòng trống thụt lề sâu hơn dòng chữ đầu tiên', 'the `|`/`>` block starts with blank lines indented deeper than its first text line');
      if (/directives-end/.test(en)) return t('KL122', 'thiếu dòng `---` sau các dòng chỉ thị `%`', 'the `---` line after `%` directives is missing');
      return t('KL122', 'thiếu ký tự bắt buộc ở đây', en);
    case 'UNEXPECTED_TOKEN': {
      if (/Unexpected [a-z-]+ at node end/.test(en)) {
        return t('KL123', 'có chữ thừa sau giá trị (sau dấu nháy đóng, sau tham chiếu `*` hoặc ở dòng không thụt lề)', 'extra text after the value (after a closing quote, an alias, or on a line that is not indented)', quoteHint);
      }
      const m = /Unexpected ([a-z-]+) token(?: in YAML (?:stream|document))?(?:: "(.*)")?/.exec(en);
      if (m) {
        const word = tokenWords[m[1]] ?? { vi: `thành phần "${m[1]}"`, en: `"${m[1]}"` };
        const shown = m[2] !== undefined && m[1] === 'scalar' ? ` '${excerpt(m[2], 40)}'` : '';
        return t('KL123', `${word.vi}${shown} không đúng chỗ`, `unexpected ${word.en}${shown}`, {
          vi: 'thường do thụt lề sai hoặc thiếu dấu `:` sau khóa ở dòng này hay dòng trên; nếu đây là nội dung, đặt giá trị trong dấu nháy kép',
          en: 'usually wrong indentation or a missing `:` after a key on this or the previous line; quote the value if it is text',
        });
      }
      if (/Unexpected , in/.test(en)) return t('KL123', 'dấu phẩy `,` thừa trong ngoặc', 'an extra comma `,` inside brackets');
      if (/Unexpected empty item/.test(en)) return t('KL123', 'mục trống trong ngoặc (hai dấu phẩy liền nhau?)', 'an empty item inside brackets (two commas in a row?)');
      if (/block-seq-ind on same line with key/.test(en))
        return t('KL123', 'dấu `-` của danh sách phải xuống dòng, không viết cùng dòng với khóa', 'a list `-` must start on its own line, not on the key line', {
          vi: 'viết `khóa:` rồi xuống dòng, mỗi mục một dòng `  - …`',
          en: 'write `key:` then each item on its own line `  - ...`',
        });
      if (/Not a YAML token/.test(en)) return t('KL123', 'ký tự không hợp lệ trong YAML', 'a character that is not valid YAML');
      return t('KL123', 'thành phần không đúng chỗ', en);
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/Nested mappings are not allowed in compact mappings/.test(en))
        return t('KL124', 'giá trị có dấu hai chấm và dấu cách `: ` nên YAML hiểu nhầm là một khóa mới trên cùng dòng', 'the value contains `: ` (colon and space), which YAML reads as a second key on the same line', quoteHint);
      return t('KL124', 'một danh sách hoặc nhóm khóa được dùng làm khóa; có thể thiếu dấu cách sau `-` hoặc thừa dấu `:`', 'a list or mapping is used as a key; perhaps a space after `-` is missing or a `:` is extra');
    case 'MULTILINE_IMPLICIT_KEY':
      return t('KL125', 'khóa phải nằm trọn trên một dòng; có thể dòng trên thiếu dấu `:` hoặc một đoạn văn bị xuống dòng mà không thụt lề', 'a key must fit on one line; perhaps a `:` is missing above or a long text wrapped without indentation', {
        vi: 'nếu là đoạn văn dài, viết `khóa: |` rồi xuống dòng, các dòng nội dung thụt vào 2 dấu cách',
        en: 'for long text write `key: |` and indent the following lines by 2 spaces',
      });
    case 'BAD_DQ_ESCAPE': {
      const m = /Invalid escape sequence (.*)$/.exec(en);
      const seq = m ? m[1] : '\\';
      return t('KL126', `mã \`${seq}\` không hợp lệ trong dấu nháy kép (dấu \`\\\` bắt đầu một mã đặc biệt)`, `invalid escape \`${seq}\` inside double quotes`, {
        vi: 'muốn viết dấu `\\` thật, gõ `\\\\`, hoặc dùng dấu nháy đơn `\'…\'`',
        en: "write a real backslash as `\\\\`, or use single quotes `'...'`",
      });
    }
    case 'BAD_SCALAR_START': {
      const m = /character (.)$/.exec(en);
      const ch = m ? m[1] : '';
      return t('KL127', `giá trị không được bắt đầu bằng ký tự \`${ch}\` khi không có dấu nháy`, `a value without quotes cannot start with \`${ch}\``, quoteHint);
    }
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
    case 'MULTIPLE_ANCHORS':
      return t('KL128', 'dấu `&` hoặc `*` ở đầu giá trị là ký hiệu neo/tham chiếu của YAML nhưng viết chưa đúng', 'a leading `&` or `*` is YAML anchor/alias syntax and is malformed here', quoteHint);
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_COLLECTION_TYPE':
      return t('KL129', 'giá trị bắt đầu bằng `!` là thẻ kiểu (tag) của YAML mà ketluan không dùng; phần chữ sau thẻ có thể bị hiểu sai', 'a value starting with `!` is a YAML tag, which ketluan does not use; the text after it may be misread', quoteHint);
    case 'BAD_DIRECTIVE':
      return t('KL130', 'dòng bắt đầu bằng `%` là chỉ thị YAML không hợp lệ', 'a line starting with `%` is an invalid YAML directive', quoteHint);
    case 'KEY_OVER_1024_CHARS':
      return t('KL131', 'khóa dài quá 1024 ký tự; có thể thiếu dấu `:` hoặc dấu nháy', 'a key longer than 1024 characters; perhaps a `:` or quote is missing');
    case 'BLOCK_IN_FLOW':
      return t('KL132', 'bên trong ngoặc `[ ]` hoặc `{ }` không được xuống dòng thụt lề kiểu khối (danh sách `-`, `khóa:` hay `|`)', 'inside `[ ]` or `{ }` block-style content (`-` lists, `key:` lines, `|`) is not allowed');
    case 'MULTIPLE_TAGS':
    case 'BAD_PROP_ORDER':
      return t('KL133', 'neo `&` và thẻ `!` bị lặp hoặc sai thứ tự', 'anchors `&` and tags `!` are repeated or in the wrong order', quoteHint);
    case 'NON_STRING_KEY':
      return { code: 'KL118', ...nonStringKey() };
    case 'MULTIPLE_DOCS':
      return { code: 'KL106', ...multipleDocuments() };
    case 'RESOURCE_EXHAUSTION':
      return { code: 'KL114', ...tooDeep(0) };
    default:
      return t('KL139', 'lỗi cú pháp YAML', en);
  }
}
