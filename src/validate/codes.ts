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
} as const;

/** A known diagnostic code. */
export type Code = keyof typeof codes;
