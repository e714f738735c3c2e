/**
 * Every diagnostic code ketluan can emit, with its meaning in one line.
 *
 * Codes are stable: scripts and clerks' notes refer to them, so a code is
 * never renumbered and never reused for another meaning. A code that stops
 * being emitted stays in this table with its meaning prefixed "retired:".
 *
 * Ranges: KL1xx reading the file and the YAML (src/source), KL2xx the JSON
 * Schema (src/validate/schema.ts), KL3xx–KL5xx domain rules (added by their
 * owners below).
 */
export const codes = {
  // ── KL1xx: the file and its YAML ───────────────────────────────────────
  KL100: 'The file is empty, or holds only comments and blank lines.',
  KL101: 'The file is larger than the size limit and was not read.',
  KL102: 'The file is binary (an image, PDF, Word/Excel file or similar), not YAML text.',
  KL103: 'The file is not valid UTF-8 and no legacy Vietnamese encoding was recognised.',
  KL104: 'The file is in a legacy Vietnamese encoding (TCVN3/ABC, VNI or Windows-1258); a Unicode rendering is suggested.',
  KL105: 'The file is UTF-16 ("Unicode" in Notepad); it must be saved as UTF-8.',
  KL106: 'The file holds several YAML documents (separated by ---); one file describes one meeting.',
  KL107: 'The text was not in Unicode NFC (decomposed accents); ketluan normalised it.',
  KL108: 'A control character (invisible, non-printing) appears in the text.',
  KL109: 'An invisible formatting character (zero-width space, direction mark, stray BOM) appears in the text.',
  KL110: 'A tab character appears inside a value outside a block scalar (| or >).',
  KL111: 'A value looks like TCVN3/VNI or double-encoded UTF-8 text pasted into a Unicode file; a corrected text is suggested.',
  KL112: 'The top level of the file is not a mapping of keys to values.',
  KL113: 'A string contains an unpaired surrogate (from a \\u escape) and is not valid Unicode text.',
  KL114: 'The document nests deeper than the nesting limit.',
  KL115: 'Aliases (*name) expand to too much data, refer to themselves, or refer to a missing anchor.',
  KL116: 'A key appears twice in the same mapping.',
  KL117: 'A key named __proto__, constructor or prototype is not allowed.',
  KL118: 'A mapping key is not plain text (a list, mapping or alias used as a key).',
  KL120: 'YAML: a tab is used for indentation.',
  KL121: 'YAML: an item is indented wrongly.',
  KL122: 'YAML: a required character is missing (closing quote, colon, comma, bracket).',
  KL123: 'YAML: an unexpected character or token.',
  KL124: 'YAML: a key: value pair or list sits where a plain key was expected (often a missing space or an extra colon).',
  KL125: 'YAML: a key spans several lines.',
  KL126: 'YAML: an invalid backslash escape inside double quotes.',
  KL127: 'YAML: a plain value starts with a reserved character (@, `, %, |, >, ...).',
  KL128: 'YAML: a malformed anchor (&name) or alias (*name).',
  KL129: 'YAML: an unknown or misused tag (!name, !!type).',
  KL130: 'YAML: an unknown or malformed directive line (%...).',
  KL131: 'YAML: a key longer than 1024 characters.',
  KL132: 'YAML: a block value (| > or indented list/mapping) inside [ ] or { }.',
  KL133: 'YAML: tags, anchors or properties in the wrong order or repeated.',
  KL139: 'YAML: another syntax problem reported by the parser.',
  // KL14x: limits and text pasted from Word (src/source).
  KL140: 'A mapping has more keys than the per-mapping limit.',
  KL141: 'Warning: a non-breaking or other Unicode space (pasted from Word) in the indentation or after `:`/`-` was read as a space.',
  KL142: 'Warning: curly quotes “…” or ‘…’ (pasted from Word) around a whole value were read as YAML quotes.',
  KL143: 'Warning: an en or em dash (pasted from Word) starting a list item was read as the list `-`.',
  KL144: 'Warning: a list item\'s text starts with a bullet (– — • · -) and a space, which is printed beside the notice\'s own bullet.',

  // ── KL2xx: the JSON Schema ─────────────────────────────────────────────
  KL201: 'Unknown key: the schema does not allow this key here.',
  KL202: 'A required key is missing.',
  KL203: 'A value has the wrong type (text, number, list, mapping, true/false).',
  KL204: 'A value is not one of the allowed choices.',
  KL205: 'A text does not match the required pattern.',
  KL206: 'A date is not a real calendar date in the form YYYY-MM-DD.',
  KL207: 'A text does not match the required format (time, e-mail, URL, ...).',
  KL208: 'A number is outside the allowed range or not a multiple of the required step.',
  KL209: 'A list has too few or too many items.',
  KL210: 'A text is empty, too short or too long.',
  KL211: 'A value matches none of the allowed forms.',
  KL212: 'A value matches more than one of the forms where exactly one is expected.',
  KL213: 'A list holds the same item twice where items must be unique.',
  KL214: 'A mapping has too few or too many keys.',
  KL215: 'A value or key is not allowed here.',
  KL216: 'A list does not contain an item of the required kind.',
  KL217: 'A key name does not have the required form.',
  KL299: 'Another schema rule failed.',

  // ── KL3xx: domain rules (src/validate/normalize.ts, rules.ts) ─────────────
  // KL30x: references and forms the schema cannot check.
  KL301: 'A deadline is not a real date, month or quarter (2023-02-30, 2023-13, 2026-Q5, 20/4/2023).',
  KL302: 'A body section has neither "heading" nor "agency" to title it.',
  KL303: 'The issuer id is not declared in ketluan.config.yaml.',
  KL304: 'The signer id is not declared in ketluan.config.yaml.',
  KL305: 'The signer has no name or no title (neither "signer" nor both "name" and "title").',
  // KL31x: dates.
  KL310: 'The issue date is before the meeting date.',
  KL311: 'A deadline (a day, or the last day of a month or quarter) is before the meeting date.',
  KL312: 'Warning: the notice is issued more than 05 working days after the meeting (QĐ 45/2018/QĐ-TTg).',
  // KL32x: signature authority (ND30 Điều 13).
  KL320: 'KT. (or a two-level signature with deputyFor) is signed by a deputy, whose title starts with "Phó".',
  KL321: 'KT., TL. and TUQ. need the head\'s title they sign for in "for".',
  KL322: 'TL./TUQ. is signed by the head of an internal unit (Chánh Văn phòng…), not by the head it signs for.',
  KL323: 'TM. names a collective body (Ủy ban nhân dân, Hội đồng…), not a post.',
  KL324: 'Warning: the deputy\'s title does not name the post it stands in for ("Phó Chủ tịch" signs for "Chủ tịch").',
  KL325: 'A deputy ("Phó …") signs with KT. (authority KT, or deputyFor after TM./TL./TUQ.); after Q. or with no authority the title is a head\'s.',
  // KL33x: index results.
  KL330: 'A rank is larger than the number of ranked units.',
  KL331: 'A score is larger than its maximum.',
  KL332: 'The components\' figures do not match the total: maxima or scores do not add up (aggregate sum) or scores do not average (aggregate average) to it.',
  KL333: 'The comparison (previous) year is not before the year assessed.',
  // KL34x: references inside the text.
  KL340: '[[deadline]] is used where there is no deadline to insert: an entry without "deadline", an enumerated point without its own "deadline", a heading, the opening, the closing or the footnote.',
  KL341: '[[ID]] names an index that is not under "indices".',
  KL342: '[[ID:variant]] names a phrase variant that does not exist.',
  KL343: 'An appendix names an index that is not under "indices".',
  // KL35x: Nơi nhận and the "Lưu:" line (ND30 Phụ lục I, II.9.d).
  KL350: 'A "Lưu" line is written inside "recipients"; it belongs in "archive" and is always printed last.',
  KL351: 'Warning: an agency given a task is not among the recipients.',
  KL352: 'Warning: the "Lưu:" line does not include VT (văn thư), which Mẫu 1.4 always lists first.',
  // KL36x: characters the output cannot show.
  KL360: 'A character has no glyph in the fonts the PDF is set in (emoji, CJK, symbols, invisible characters).',
  KL361: 'A private-use character (U+E000–U+F8FF, planes 15–16): no font shows it and ketluan uses some internally.',
  // ── KL37x: the number register (src/register, issue 6) ─────────────────
  // Archive-wide: computed over every file of conclusions/, reported by
  // `ketluan check` and `ketluan build`. KL374–KL379 stay reserved for it.
  KL370: 'Register: two files of the same issuer carry the same number in the same year (the diagnostic names the other files).',
  KL371: 'Register warning: numbers are skipped between two numbered notices of the same issuer and year.',
  KL372: 'Register warning: a higher number has an earlier issue date than a lower number of the same issuer and year.',
  KL373: 'Register warning: a notice has a number but no issue date, so it has no place in the register.',
  // ── end of the register block ──────────────────────────────────────────
  // KL38x: YAML that parsed, but not as the clerk meant.
  KL380: 'A sentence containing ": " or ending with ":" became a "key: value" mapping; wrap the sentence in double quotes.',
  KL381: 'Warning: an unquoted item of a [ , ] list looks like a fragment of a name that contains a comma.',
  // KL382–KL389: values the schema cannot bound (issue 11).
  KL382: 'A deadline\'s year is outside the range every date of a notice stays in (1990–2100).',
  KL383: 'A [[reference]] is written in a text that prints as typed (summary, meeting, recipients, the config…): only the notice\'s paragraphs (body, opening, closing, footnotes) insert phrases.',
  KL384: 'A text holds only spaces or blank lines: it would print nothing (a closing of only "./.").',
  // ── KL43x: a template folder (src/render/templates.ts, --templates DIR), reported at the template's line ──
  KL430: 'Template: not valid Handlebars (a {{#block}} left open, closed by another name, a broken tag).',
  KL431: 'Template: {{> name}} calls a partial that is not in partials/.',
  KL432: 'Template: a helper ({{join}}, {{#if}}, …) is called with arguments it cannot use, or does not exist.',
  KL433: 'Template: partials call each other too deeply (a partial that calls itself without end).',
  KL434: 'Template: a value the notice does not have at that place (strict mode).',
  KL435: 'Template: another failure while rendering.',
  KL436: 'Template folder: missing, unreadable, or without a required root template (notice.hbs, report.hbs).',
  KL437: 'A font file of the font folder cannot be used (not a TrueType font, unreadable, missing a face).',
  // ── KL40x: the archive build (src/build, issue 11) ─────────────────────
  KL400: 'Two source files would write the same output (a.yaml and a.yml, or names differing only in letter case); neither is built.',
  KL401: 'A listed source cannot be read: it is gone, not permitted, a symbolic link, or not a regular file (device, pipe).',
  // KL48x: footnotes (issue 12, §4).
  KL480: 'A footnote mark [[^ID]] names a footnote that is not under "footnotes".',
  KL481: 'Warning: a footnote under "footnotes" has no [[^ID]] mark in the text, so it is not printed.',
  KL482: 'A footnote\'s text holds a footnote mark: footnotes have no footnotes.',
  KL483: 'A footnote mark stands in the trích yếu, which carries no footnotes.',
  KL484: 'A footnote is marked more than once; each footnote has exactly one mark.',
  // KL485–KL486: title lines (issue 12, §6).
  KL485: 'Warning: a forced trích yếu line (an entry of "summary") is wider than the text area; the writers cut it into balanced lines.',
  KL486: 'Warning: an appendix title, in capitals, is wider than the text area; the writers cut it into balanced lines.',
  // KL55x: found by trying the tool as a newcomer would.
  KL550: 'A [[^…]] is not a footnote mark (empty, spaces or other characters in its id); it would print as typed.',
  // ── KL50x–KL53x: electronic issuance (src/sign, issue 13) ──────────────
  KL500: 'sign: the PDF to sign cannot be read (missing, not a regular file, or too large).',
  KL501: 'sign: the PDF is not what ketluan builds from its YAML file now (edited, made by other software, or the YAML changed).',
  KL502: 'sign: the PDF was changed after it was signed or prepared (a signature does not verify, or bytes follow the last one).',
  KL503: 'sign: wrong password for the PKCS#12 key file.',
  KL504: 'sign: the key file cannot be read or is not PKCS#12.',
  KL505: 'sign: the key file holds no private key with its certificate, or a key that is not RSA.',
  KL506: 'sign: the signing certificate has expired.',
  KL507: 'sign: the signing certificate is not valid yet.',
  KL508: 'sign, export: the notice is a draft (no number); drafts are not signed or exported.',
  KL509: 'sign: signing out of order or twice (the agency before the signer, a role that already signed, fields prepared twice).',
  KL510: 'sign: the YAML file the PDF was built from cannot be found (or its fonts cannot be loaded).',
  KL511: 'Build warning: an output PDF carries digital signatures and is kept, not rebuilt (unless --force).',
  KL512: 'sign: the attachment PDF cannot be read (damaged, encrypted or not a PDF).',
  KL513: 'sign: no password for the key file (no KETLUAN_P12_PASSWORD and no terminal to ask on).',
  KL520: 'export --edxml: the issuer has no organId (mã định danh điện tử) in ketluan.config.yaml.',
  KL521: 'export --edxml: the notice has no built PDF to attach (out/<path>.pdf is missing).',
  // KL530–KL539: the signature and seal images (src/images, issue 13 §1), reported at the config line.
  KL530: 'Config: a signature or seal image (signers.<id>.signatureImage, issuers.<id>.seal.image) cannot be read: missing, not a regular file, or larger than 4 MB.',
  KL531: 'Config: a signature or seal image is not a PNG, or the PNG is damaged.',
  KL532: 'Config: a signature or seal PNG has no transparent background (no alpha channel or tRNS, nearly no transparent pixels, or nothing drawn).',
  KL533: 'Config: a signature or seal PNG is too small or too large in pixels (16 to 4000 per side).',
  KL534: 'Config: a signature image is not blue, or a seal image is not red (the mean colour of its strokes).',
  KL535: 'Warning: images were asked for (signing.images or --images) on a draft (no number); drafts never carry images.',
  KL536: 'Warning: images were asked for, but the signer has no signatureImage and the issuer no seal in ketluan.config.yaml; none is printed.',
  // ── KL46x: what real notices say (issue 12: openings, numbering, tasks, the "Lưu:" line) ──
  KL460: 'Warning: [[date]] inserts an index whose id is "date", not the meeting\'s date phrase.',
  KL461: 'Warning: a deadline (a day, or the last day of a month, quarter or year) is before the issue date, though not before the meeting.',
  KL462: 'A deadline\'s "phrase" (before, on, latest) is given for a deadline that is not one day.',
  KL463: '[[deadline:N]] names no task of the entry\'s "tasks" (or one without a deadline), or [[deadline]] is used in an entry with several "tasks".',
  KL464: 'An entry gives "tasks" and also its own "lead", "support", "deadline" or "status".',
  KL465: 'The meeting\'s last day ("until") is not after its first day ("date").',
  // ── KL54x: the studio (src/studio, issue 14) ───────────────────────────
  KL540: 'Studio: the live preview could not be drawn (a ketluan bug in the render thread, not a problem in the file).',
} as const;

/** The number register's range (src/register, issue 6): only register diagnostics use these, listed above once emitted. */
export const reservedCodes = ['KL370', 'KL371', 'KL372', 'KL373', 'KL374', 'KL375', 'KL376', 'KL377', 'KL378', 'KL379'] as const;

/** A known diagnostic code. */
export type Code = keyof typeof codes;
