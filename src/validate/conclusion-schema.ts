/**
 * JSON Schemas (2020-12) of a conclusion file and of ketluan.config.yaml.
 *
 * Every key carries a Vietnamese `description`: clerks see it as hover
 * help in their editor. `additionalProperties: false` everywhere so a typo
 * is an error, not a silently ignored key. `scripts/make-schemas.ts` writes
 * these objects to schemas/*.json.
 */

const SCHEMA_BASE = 'https://ketluan.invalid/schemas';

type Json = Record<string, unknown>;

/** An object schema whose unknown keys are errors. */
function obj(description: string, properties: Record<string, Json>, required: string[] = []): Json {
  return { type: 'object', description, properties, required, additionalProperties: false };
}

function str(description: string, extra: Json = {}): Json {
  return { type: 'string', minLength: 1, description, ...extra };
}

function oneOrMany(description: string): Json {
  return {
    description,
    anyOf: [
      { type: 'string', minLength: 1 },
      { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    ],
  };
}

/**
 * The ranges every number and date of a notice must stay in, stated in the
 * schema (minimum/maximum, formatMinimum/formatMaximum) and in its
 * descriptions. Dates: a DOCX is a zip, whose timestamps run 1980–2107, and
 * the years of index results already ran 1990–2100; everything a notice
 * prints stays in plain digits ("1e+23" never reaches a page).
 */
export const ranges = {
  date: { min: '1990-01-01', max: '2100-12-31' },
  year: { min: 1990, max: 2100 },
  /** The document number (số), given once a year from 01 on. */
  number: { min: 1, max: 99999 },
  /** Ranks and counts of ranked units (63 provinces, some 10 000 communes). */
  rank: { min: 1, max: 100000 },
  score: { min: 0, max: 100000 },
  copies: { min: 1, max: 9999 },
} as const;

/** "Từ 1 đến 99999." for a description. */
function between(min: number | string, max: number | string): string {
  return ` Từ ${min} đến ${max}.`;
}

const date = (description: string): Json => ({
  type: 'string',
  format: 'date',
  formatMinimum: ranges.date.min,
  formatMaximum: ranges.date.max,
  description: description + between(ranges.date.min, ranges.date.max),
});

const year = (description: string): Json => ({ type: 'integer', minimum: ranges.year.min, maximum: ranges.year.max, description: description + between(ranges.year.min, ranges.year.max) });
const rank = (description: string): Json => ({ type: 'integer', minimum: ranges.rank.min, maximum: ranges.rank.max, description: description + between(ranges.rank.min, ranges.rank.max) });
const score = (description: string): Json => ({ type: 'number', minimum: ranges.score.min, maximum: ranges.score.max, description: description + between(ranges.score.min, ranges.score.max) });

const style: Json = obj('Cách trình bày riêng của cơ quan (ghi đè mặc định).', {
  padNumbers: {
    type: 'boolean',
    description: 'Thêm số 0 trước thứ hạng và số bậc nhỏ hơn 10 ("tăng 03 bậc", "xếp hạng 02/11"). Mặc định: không.',
  },
  boldHeadings: { type: 'boolean', description: 'In đậm đề mục các phần (I., 1.). Mặc định: có.' },
  numbering: {
    type: 'array',
    description:
      'Kiểu đánh số theo cấp: roman (I., II.), arabic (1., 2.), alpha (a), b), đ)…), ordinal (Thứ nhất, Thứ hai…), dash (-). Mặc định: [roman, arabic, alpha, dash].',
    items: { enum: ['roman', 'arabic', 'alpha', 'ordinal', 'dash'] },
    minItems: 1,
    maxItems: 6,
  },
  deadlineStyle: {
    enum: ['numeric', 'words'],
    description: 'Cách ghi thời hạn: numeric ("trước ngày 01/8/2019", "trong tháng 12/2025") hoặc words ("trước ngày 15 tháng 11 năm 2025"). Mặc định: numeric.',
  },
  opening: {
    enum: ['full', 'brief'],
    description: 'Đoạn mở đầu: full (nêu ngày, địa điểm họp) hoặc brief (chỉ nêu người chủ trì và thành phần). Mặc định: full.',
  },
  signatureGapPt: {
    type: 'number',
    minimum: 24,
    maximum: 200,
    description: 'Khoảng trống để ký và đóng dấu, tính bằng point, từ 24 đến 200. Mặc định: 72.',
  },
});

const issuer: Json = obj(
  'Cơ quan ban hành thông báo.',
  {
    parent: oneOrMany('Tên cơ quan chủ quản trực tiếp (nếu có), chữ in hoa; mỗi phần tử là một dòng. Ví dụ: UBND TỈNH NAM ĐỊNH.'),
    name: oneOrMany('Tên cơ quan ban hành, chữ in hoa; mỗi phần tử là một dòng. Ví dụ: [ỦY BAN NHÂN DÂN, HUYỆN BẮC SƠN].'),
    symbol: str('Ký hiệu văn bản (tên loại - cơ quan), ví dụ TB-UBND, TB-VP, TB-VPCP.', {
      pattern: '^TB-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$',
    }),
    place: str('Địa danh ghi ở dòng ngày tháng, ví dụ "Bắc Sơn", "Thành phố Hồ Chí Minh".'),
    collective: str('Tên tập thể khi ký thay mặt (TM.), ví dụ "Ủy ban nhân dân". Mặc định: tên cơ quan ban hành.'),
    shortName: str('Tên cơ quan viết thường, dùng trong câu, ví dụ "UBND huyện Bắc Sơn" (dòng "Kèm theo Thông báo số … của …" ở phụ lục).'),
    style,
  },
  ['name', 'symbol', 'place'],
);

const signer: Json = obj(
  'Người ký.',
  {
    name: str('Họ và tên người ký (không ghi học hàm, học vị).'),
    title: str('Chức vụ của người ký, ví dụ "Chánh Văn phòng", "Phó Chủ tịch".'),
  },
  ['name', 'title'],
);

const deadline: Json = {
  description:
    `Thời hạn: một ngày (2023-04-20), một tháng (2023-04), một quý (2026-Q1) hoặc lời ghi tự do ("thường xuyên"); ngày từ ${ranges.date.min} đến ${ranges.date.max}. Viết [[deadline]] trong câu để chèn cụm từ thời hạn.`,
  anyOf: [
    { type: 'string', minLength: 1 },
    obj(
      'Thời hạn với cách ghi riêng.',
      {
        on: str(`Ngày (2023-04-20), tháng (2023-04), quý (2026-Q1) hoặc lời ghi tự do; ngày từ ${ranges.date.min} đến ${ranges.date.max}.`),
        style: { enum: ['numeric', 'words'], description: 'Cách ghi thời hạn này (ghi đè cách ghi chung).' },
      },
      ['on'],
    ),
  ],
};

const status: Json = obj(
  'Tình hình thực hiện (theo dõi, đôn đốc); không làm thay đổi nội dung thông báo.',
  {
    state: { enum: ['chưa thực hiện', 'đang thực hiện', 'hoàn thành'], description: 'Trạng thái thực hiện.' },
    completed: date('Ngày hoàn thành (YYYY-MM-DD).'),
    report: str('Văn bản báo cáo kết quả, ví dụ "Báo cáo số 12/BC-SNV ngày 05/9/2019".'),
  },
  ['state'],
);

const enumerate: Json = obj(
  'Liệt kê trong cùng đoạn: "(1) …; (2) …" hoặc "(i) …; (ii) …", đánh số tự động.',
  {
    style: { enum: ['arabic', 'roman'], description: 'arabic: (1), (2)…; roman: (i), (ii)…. Mặc định: arabic.' },
    items: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'Các ý, không ghi số thứ tự và dấu ";".' },
  },
  ['items'],
);

const directiveFields: Record<string, Json> = {
  enumerate,
  lead: oneOrMany('Cơ quan chủ trì thực hiện nhiệm vụ này.'),
  support: oneOrMany('Cơ quan phối hợp.'),
  deadline,
  status,
};

const richText =
  ' Cho phép **in đậm** và *in nghiêng*; [[PCI]] chèn câu kết quả chỉ số, [[PCI:high]] / [[PCI:low]] các chỉ số thành phần cao/thấp điểm, [[PCI:position]] câu xếp vị trí. Viết \\[[ (trong dấu ngoặc kép: \\\\[[) để in đúng dấu [[ mà không chèn gì.';

/** Recursive body node; `$ref` to itself through $defs. */
const node: Json = {
  description: 'Một đoạn của phần nội dung: một câu văn, hoặc một mục có tiêu đề, mục đánh số, gạch đầu dòng, nhiệm vụ.',
  anyOf: [
    { type: 'string', minLength: 1, description: 'Đoạn văn không đánh số.' + richText },
    obj(
      'Mục có tiêu đề (được đánh số tự động: I., 1., a)…) và các đoạn con.',
      {
        heading: str('Tiêu đề của mục, không ghi số thứ tự.' + richText),
        agency: oneOrMany('Cơ quan được giao các nhiệm vụ trong mục; nếu không có "heading" thì tên cơ quan là tiêu đề.'),
        numbered: { type: 'boolean', description: 'Đánh số mục này. Mặc định: có.' },
        content: { type: 'array', items: { $ref: '#/$defs/node' }, description: 'Các đoạn trong mục.' },
      },
      [],
    ),
    obj(
      'Đoạn đánh số (1., 2. … theo cấp), có thể là một nhiệm vụ.',
      { item: str('Nội dung đoạn, không ghi số thứ tự.' + richText), ...directiveFields, content: { type: 'array', items: { $ref: '#/$defs/node' }, description: 'Các đoạn con.' } },
      ['item'],
    ),
    obj('Đoạn văn không đánh số, có thể là một nhiệm vụ.', { text: str('Nội dung đoạn.' + richText), ...directiveFields }, ['text']),
    obj('Đoạn gạch đầu dòng ("- …"), có thể là một nhiệm vụ.', { dash: str('Nội dung, không ghi dấu gạch.' + richText), ...directiveFields }, ['dash']),
  ],
};

const previous: Json = obj(
  'Kết quả năm trước để so sánh.',
  {
    year: year('Năm so sánh.'),
    score: score('Điểm năm trước.'),
    rank: rank('Thứ hạng năm trước.'),
    fromArchive: {
      type: 'boolean',
      description: 'Lấy điểm, thứ hạng năm trước (nếu không ghi ở đây) từ thông báo năm trước của cùng cơ quan trong kho.',
    },
  },
  ['year'],
);

const component: Json = obj(
  'Một chỉ số thành phần.',
  {
    code: str('Mã chỉ số thành phần, ví dụ CSTP1.'),
    name: str('Tên chỉ số thành phần.'),
    score: score('Điểm đạt được.'),
    max: { type: 'number', exclusiveMinimum: 0, maximum: ranges.score.max, description: `Điểm tối đa (nếu có thì in dạng 4,5/9 điểm); lớn hơn 0, không quá ${ranges.score.max}.` },
    rank: rank('Thứ hạng của chỉ số thành phần.'),
    level: { enum: ['high', 'low'], description: 'Xếp vào nhóm cao điểm (high) hay thấp điểm (low); nếu bỏ trống thì dùng quy tắc "split".' },
    previous: obj('Kết quả năm trước của chỉ số thành phần (cho bảng phụ lục).', {
      score: score('Điểm năm trước.'),
      rank: rank('Thứ hạng năm trước.'),
    }),
  },
  ['name', 'score'],
);

const indexResult: Json = obj(
  'Kết quả một bộ chỉ số (PAR INDEX, PCI, DDCI, SIPAS, PAPI…).',
  {
    id: str('Mã ngắn để nhắc đến trong văn bản bằng [[mã]], ví dụ PCI, PAR, DDCI.', { pattern: '^[A-Za-z][A-Za-z0-9_-]*$' }),
    name: str('Tên đầy đủ của chỉ số.'),
    year: year('Năm đánh giá.'),
    score: score('Điểm đạt được.'),
    max: { type: 'number', exclusiveMinimum: 0, maximum: ranges.score.max, description: `Điểm tối đa; nếu có thì in "87,06/99,5 điểm, chỉ số đạt 87,50%". Lớn hơn 0, không quá ${ranges.score.max}.` },
    rank: rank('Thứ hạng.'),
    units: rank('Số đơn vị được xếp hạng (ví dụ 63 tỉnh, thành phố).'),
    unitsLabel: str('Tên nhóm đơn vị được xếp hạng, ví dụ "tỉnh, thành phố", "huyện, thành phố".'),
    decimals: { type: 'integer', minimum: 0, maximum: 4, description: 'Số chữ số thập phân khi in điểm (ví dụ 2 để in 6,90), từ 0 đến 4. Mặc định: như số liệu.' },
    previous,
    wording: obj('Cách diễn đạt câu kết quả.', {
      rankVerb: str('Từ nêu thứ hạng: "xếp thứ" (mặc định), "đứng thứ", "xếp hạng".'),
      afterScore: { type: 'string', description: 'Dấu sau điểm số, trước thứ hạng. Mặc định: ",".' },
      beforeChange: { type: 'string', description: 'Dấu trước phần so sánh với năm trước. Mặc định: ",".' },
    }),
    components: obj('Các chỉ số thành phần.', {
      rankWord: str('Từ nêu thứ hạng của chỉ số thành phần: "vị trí" (mặc định) hoặc "xếp".'),
      units: rank('Số đơn vị xếp hạng chỉ số thành phần (mặc định như chỉ số chung); hạng cuối in "vị trí cuối".'),
      aggregate: {
        enum: ['sum', 'average', 'weighted'],
        description: 'Quan hệ giữa điểm chung và điểm thành phần để kiểm tra số liệu: sum (tổng, như PAR INDEX), average (trung bình, như SIPAS), weighted (có trọng số, không kiểm tra). Mặc định: sum nếu mọi thành phần có điểm tối đa, ngược lại weighted.',
      },
      split: obj('Quy tắc chia nhóm cao/thấp điểm khi thành phần không ghi "level".', {
        rankAtMost: rank('Thứ hạng từ 1 đến số này là cao điểm.'),
        scoreAtLeast: score('Điểm (hoặc tỷ lệ % nếu có điểm tối đa) từ mức này trở lên là cao điểm.'),
      }),
      items: { type: 'array', items: component, minItems: 1, description: 'Danh sách chỉ số thành phần, theo thứ tự công bố.' },
    }, ['items']),
  },
  ['id', 'name', 'year', 'score'],
);

const signature: Json = obj(
  'Khối chữ ký: quyền hạn, chức vụ và họ tên người ký.',
  {
    authority: {
      enum: ['TM', 'KT', 'TL', 'TUQ', 'Q', 'none'],
      description:
        'Quyền hạn ký: TM (thay mặt tập thể), KT (ký thay cấp trưởng), TL (thừa lệnh), TUQ (thừa ủy quyền), Q (quyền cấp trưởng), none (cấp trưởng ký trực tiếp).',
    },
    for: str('Chức vụ (hoặc tập thể với TM.) được ký thay, ví dụ "Chủ tịch", "Ủy ban nhân dân".'),
    deputyFor: str('Dạng hai cấp: cấp phó ký thay cấp trưởng của đơn vị, ví dụ "Chánh Văn phòng" cho "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG".'),
    signer: str('Mã người ký trong ketluan.config.yaml.'),
    name: str('Họ và tên người ký (nếu không dùng "signer").'),
    title: str('Chức vụ người ký (nếu không dùng "signer").'),
  },
  ['authority'],
);

const archive: Json = {
  description: 'Dòng "Lưu:": danh sách nơi lưu (VT và đơn vị soạn thảo), hoặc đối tượng có ký hiệu người soạn thảo và số bản.',
  anyOf: [
    { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    obj(
      'Dòng "Lưu:" đầy đủ.',
      {
        units: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'Nơi lưu, ví dụ [VT, NC].' },
        drafter: str('Ký hiệu người soạn thảo (in hoa).'),
        copies: { type: 'integer', minimum: ranges.copies.min, maximum: ranges.copies.max, description: 'Số lượng bản phát hành.' + between(ranges.copies.min, ranges.copies.max) },
      },
      ['units'],
    ),
  ],
};

/** Schema of one conclusion file (conclusions/**\/*.yaml). */
export const conclusionSchema: Json = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${SCHEMA_BASE}/conclusion.schema.json`,
  title: 'Thông báo kết luận (ketluan)',
  ...obj(
    'Một thông báo kết luận cuộc họp.',
    {
      issuer: {
        description: 'Cơ quan ban hành: mã trong ketluan.config.yaml, hoặc khai báo đầy đủ.',
        anyOf: [{ type: 'string', minLength: 1 }, issuer],
      },
      number: {
        type: 'integer',
        minimum: ranges.number.min,
        maximum: ranges.number.max,
        description: 'Số văn bản; bỏ trống khi còn là dự thảo (in "Số:      /TB-UBND").' + between(ranges.number.min, ranges.number.max),
      },
      issued: date('Ngày ban hành (YYYY-MM-DD).'),
      summary: oneOrMany('Trích yếu; mỗi phần tử là một dòng, in đúng như đã viết ([[…]] không được thay ở đây; viết \\[[ để in dấu [[). Bỏ trống để ghi tự động "Kết luận của đồng chí … tại …".'),
      meeting: obj(
        'Cuộc họp được kết luận.',
        {
          kind: str('Hình thức: Hội nghị, cuộc họp, buổi làm việc…'),
          date: date('Ngày họp (YYYY-MM-DD).'),
          venue: str('Địa điểm họp, ví dụ "trụ sở UBND huyện Bắc Sơn".'),
          subject: str('Nội dung cuộc họp, viết tiếp sau hình thức họp.'),
          chair: obj('Người chủ trì.', { name: str('Họ và tên.'), title: str('Chức vụ, ví dụ "Chủ tịch UBND huyện".') }, ['title']),
          attendees: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Thành phần tham dự; mỗi phần tử một nhóm (nối bằng dấu ";").' },
          reports: {
            type: 'array',
            description: 'Các báo cáo được nghe tại cuộc họp.',
            items: obj('Một báo cáo.', { by: str('Cơ quan báo cáo.'), content: str('Nội dung báo cáo, ví dụ "báo cáo kết quả …".') }, ['by', 'content']),
          },
        },
        ['kind', 'date', 'subject', 'chair'],
      ),
      indices: { type: 'array', items: indexResult, description: 'Kết quả các bộ chỉ số được đánh giá.' },
      style,
      body: { type: 'array', items: { $ref: '#/$defs/node' }, minItems: 1, description: 'Nội dung kết luận.' },
      closing: str('Câu kết, không ghi dấu "./." (được thêm tự động), ví dụ "Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện".' + richText),
      recipients: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
        description: 'Nơi nhận, mỗi phần tử một dòng, không ghi dấu "-" và ";" (được thêm tự động). Ghi chú như (b/c) viết liền sau tên.',
      },
      footnote: str('Chú thích cuối văn bản (nếu có), in nghiêng sau câu kết.' + richText),
      appendix: {
        type: 'array',
        description: 'Phụ lục kèm theo: bảng kết quả một bộ chỉ số và các chỉ số thành phần (năm nay, năm trước, tăng giảm, thứ hạng), có thể kèm biểu đồ.',
        items: obj(
          'Một phụ lục.',
          {
            index: str('Mã chỉ số (trong "indices") được trình bày trong phụ lục.'),
            title: str('Tên phụ lục. Mặc định: "Kết quả <tên chỉ số> năm <năm>".'),
            chart: { type: 'boolean', description: 'Kèm biểu đồ cột điểm các chỉ số thành phần so với điểm tối đa. Mặc định: không.' },
          },
          ['index'],
        ),
      },
      recipientsFromDirectives: {
        type: 'boolean',
        description: 'Tự thêm vào Nơi nhận mọi cơ quan được giao nhiệm vụ. Mặc định: không.',
      },
      archive,
      signature,
    },
    ['issuer', 'meeting', 'body', 'recipients', 'archive', 'signature'],
  ),
  $defs: { node },
};

/** Schema of ketluan.config.yaml. */
export const configSchema: Json = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${SCHEMA_BASE}/config.schema.json`,
  title: 'Cấu hình ketluan',
  ...obj('Cấu hình dùng chung của kho thông báo.', {
    issuers: {
      type: 'object',
      description: 'Các cơ quan ban hành, theo mã.',
      propertyNames: { pattern: '^[a-z0-9][a-z0-9-]*$' },
      additionalProperties: issuer,
    },
    signers: {
      type: 'object',
      description: 'Những người ký, theo mã.',
      propertyNames: { pattern: '^[a-z0-9][a-z0-9-]*$' },
      additionalProperties: signer,
    },
    fonts: obj('Phông chữ cho PDF.', {
      dir: str('Thư mục chứa 4 tệp TTF (thường, đậm, nghiêng, đậm nghiêng) cùng cỡ với Times New Roman.'),
    }),
  }),
};
