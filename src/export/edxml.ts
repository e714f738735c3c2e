/**
 * The notice as an edXML package for the Trục liên thông văn bản quốc gia
 * (QCVN 102:2016/BTTTT, as amended by Thông tư 01/2022/TT-BTTTT): the
 * envelope's header fields from the Conclusion and the Notice (never from the
 * PDF's text), the manifest, and the PDF as a base64 attachment. The
 * envelope's XML-DSig is the e-office system's to add when it sends.
 *
 * Element names, order and the yyyy/mm/dd dates follow the public sample of
 * the format (PVN-Organization/API-Gateway-iOffice, SDKVXP_Example
 * edoc_new.edxml).
 */
import { deadlineEnd, nodeDirectives, type Conclusion, type Config } from '../conclusion.ts';
import type { Notice } from '../compose/index.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Doc } from '../ir.ts';
import { walkBody } from '../validate/rules.ts';

/** The namespace of QCVN 102:2016. */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/**
 * DocumentType/TypeDetail of a Thông báo: its place (7) in ND30 Phụ lục III's
 * list of administrative documents (Nghị quyết, Quyết định, Chỉ thị, Quy
 * chế, Quy định, Thông cáo, Thông báo…); Type 1 = văn bản hành chính.
 * Unconfirmed against QCVN 102's own code table.
 */
const DOCUMENT_TYPE = { type: 1, detail: 7, name: 'Thông báo' } as const;

/** What the package is made of. */
export interface EdxmlInput {
  readonly conclusion: Conclusion;
  readonly notice: Notice;
  readonly doc: Doc;
  readonly config: Config;
  /** The notice's PDF (as built, or signed) and its page count. */
  readonly pdf: { readonly name: string; readonly bytes: Uint8Array; readonly pages: number };
}

/** "2019/06/21": QCVN 102's date form. */
export function edxmlDate(iso: string): string {
  return iso.replace(/-/g, '/');
}

/** The earliest deadline of the notice's tasks (DueDate). */
export function earliestDeadline(c: Conclusion): string | undefined {
  let earliest: string | undefined;
  // Every task counts: a node's own, each of its `tasks`, its enumerated points'.
  walkBody(c.body, (node) => {
    for (const directive of nodeDirectives(node)) {
      const date = directive.deadline ? deadlineEnd(directive.deadline) : undefined;
      if (date !== undefined && (earliest === undefined || date < earliest)) earliest = date;
    }
  });
  return earliest;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A tiny element tree, serialised with two-space indentation. */
type Node = readonly [name: string, children: string | readonly (Node | undefined)[]];

function serialise(node: Node, depth: number): string {
  const pad = '  '.repeat(depth);
  const [name, children] = node;
  if (typeof children === 'string') return `${pad}<${name}>${escape(children)}</${name}>`;
  const inner = children.filter((c): c is Node => c !== undefined).map((c) => serialise(c, depth + 1));
  return `${pad}<${name}>\n${inner.join('\n')}\n${pad}</${name}>`;
}

const e = (name: string, children: string | readonly (Node | undefined)[]): Node => [`edXML:${name}`, children];

/** KL520: the issuer has no mã định danh in the config. */
function noOrganId(c: Conclusion): Diagnostic {
  const id = c.issuer.id;
  return {
    code: 'KL520',
    severity: 'error',
    file: c.file,
    line: 1,
    col: 1,
    message: {
      vi: id ? `cơ quan ban hành "${id}" chưa có mã định danh điện tử (organId) trong ketluan.config.yaml` : 'cơ quan ban hành ghi trực tiếp trong tệp, không có mã định danh điện tử (organId)',
      en: id ? `the issuer "${id}" has no electronic identifier (organId) in ketluan.config.yaml` : 'the issuer is written inline, without an electronic identifier (organId)',
    },
    hint: {
      vi: id ? `thêm vào issuers.${id} trong ketluan.config.yaml: organId: 000.00.00.G22 (mã của cơ quan)` : 'dùng mã cơ quan trong ketluan.config.yaml (issuer: MÃ) và khai báo organId ở đó',
      en: id ? `add to issuers.${id} in ketluan.config.yaml: organId: 000.00.00.G22 (the agency's code)` : 'use an issuer code from ketluan.config.yaml (issuer: CODE) and give its organId there',
    },
  };
}

/** The edXML package, or why there is none (KL520). */
export function writeEdxml(input: EdxmlInput): { value?: string; diagnostics: Diagnostic[] } {
  const { conclusion: c, notice: n, doc, config, pdf } = input;
  const organId = c.issuer.id !== undefined ? config.issuers[c.issuer.id]?.organId : undefined;
  if (organId === undefined) return { diagnostics: [noOrganId(c)] };
  const issued = n.meta.issuedOn;
  const documentId = `${organId},${edxmlDate(issued)},${n.meta.keywords}`;
  const organName = c.issuer.shortName ?? n.meta.author;
  const inCharge = c.issuer.parent.length > 0 ? c.issuer.parent.join(' ') : n.meta.author;
  const to = n.recipients.flatMap((r) => {
    const id = config.organIds?.[r];
    return id !== undefined ? [e('To', [e('OrganId', id), e('OrganName', r)])] : [];
  });
  const due = earliestDeadline(c);
  const competence = c.signature.authority !== 'none' ? n.signature.lines[0] : '';
  const attachmentName = pdf.name;
  const header = e('MessageHeader', [
    e('From', [e('OrganId', organId), e('OrganizationInCharge', inCharge), e('OrganName', organName)]),
    ...to,
    e('DocumentId', documentId),
    e('Code', [e('CodeNumber', n.number ?? ''), e('CodeNotation', n.issuer.symbol)]),
    e('PromulgationInfo', [e('Place', n.issuer.place), e('PromulgationDate', edxmlDate(issued))]),
    e('DocumentType', [e('Type', String(DOCUMENT_TYPE.type)), e('TypeDetail', String(DOCUMENT_TYPE.detail)), e('TypeName', DOCUMENT_TYPE.name)]),
    e('Subject', doc.meta.title),
    e('Content', doc.meta.title),
    e('SignerInfo', [e('Competence', competence), e('Position', c.signature.title), e('FullName', c.signature.name)]),
    due !== undefined ? e('DueDate', edxmlDate(due)) : undefined,
    e('OtherInfo', [
      // 0: thường (no urgency); ketluan has no urgency field.
      e('Priority', '0'),
      e('SphereOfPromulgation', 'Liên thông văn bản quốc gia'),
      c.archive.drafter !== undefined ? e('TyperNotation', c.archive.drafter) : undefined,
      c.archive.copies !== undefined ? e('PromulgationAmount', String(c.archive.copies)) : undefined,
      e('PageAmount', String(pdf.pages)),
      e('Direction', 'false'),
      doc.appendices && doc.appendices.length > 0 ? e('Appendixes', doc.appendices.map((a) => e('Appendix', [a.label, ...a.title].join(' ')))) : undefined,
    ]),
    e('ToPlaces', n.recipients.map((r) => e('Place', r))),
  ]);
  const trace = e('TraceHeaderList', [
    e('TraceHeader', [e('OrganId', organId), e('Timestamp', `${edxmlDate(issued)} 00:00:00`)]),
    e('Bussiness', [e('DocumentId', documentId), e('BussinessDocType', '0'), e('BussinessDocReason', 'Văn bản điện tử mới'), e('Paper', '0')]),
  ]);
  const manifest = [
    e('ContentId', 'cid:1'),
    e('ContentType', 'application/pdf'),
    e('Description', doc.meta.title),
    e('AttachmentName', attachmentName),
  ];
  const body = `    <edXML:edXMLBody>\n      <edXML:edXMLManifest version="1.0">\n${serialise(e('Reference', manifest), 4)}\n      </edXML:edXMLManifest>\n    </edXML:edXMLBody>`;
  const attachment = [
    '  <AttachmentEncoded>',
    '    <Attachment>',
    `      <ContentId>cid:1</ContentId>`,
    `      <AttachmentName>${escape(attachmentName)}</AttachmentName>`,
    `      <Description>${escape(doc.meta.title)}</Description>`,
    '      <ContentType>application/pdf</ContentType>',
    `      <edXML:ContentTransferEncoded xmlns:edXML="${EDXML_NS}">${Buffer.from(pdf.bytes).toString('base64')}</edXML:ContentTransferEncoded>`,
    '    </Attachment>',
    '  </AttachmentEncoded>',
  ].join('\n');
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<edXML xmlns="${EDXML_NS}">`,
    `  <edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}">`,
    '    <edXML:edXMLHeader>',
    serialise(header, 3),
    serialise(trace, 3),
    '    </edXML:edXMLHeader>',
    body,
    '  </edXML:edXMLEnvelope>',
    attachment,
    '</edXML>',
    '',
  ].join('\n');
  return { value: xml.normalize('NFC'), diagnostics: [] };
}
