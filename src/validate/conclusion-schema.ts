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

const numberingStyles = ['roman', 'arabic', 'alpha', 'ordinal', 'dash', 'paren-arabic', 'paren-roman', 'none'];
const numberingChoices =
  'roman (I., II.), arabic (1., 2.), alpha (a), b), … đ)…), ordinal (Thứ nhất, Thứ hai…), dash (-), paren-arabic ((1), (2)…), paren-roman ((i), (ii)…), none (không đánh số).';

const style: Json = obj('Cách trình bày riêng của cơ quan (ghi đè mặc định).', {
  padNumbers: {
    type: 'boolean',
    description: 'Thêm số 0 trước thứ hạng và số bậc nhỏ hơn 10 ("tăng 03 bậc", "xếp hạng 02/11"). Mặc định: không.',
  },
  boldHeadings: { type: 'boolean', description: 'In đậm đề mục các phần (I., 1.). Mặc định: có.' },
  numbering: {
    type: 'array',
    description:
      'Kiểu đánh số theo cấp: ' + numberingChoices + ' Mặc định: [roman, arabic, alpha, dash].',
    items: { enum: numberingStyles },
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
  comrade: {
    type: 'boolean',
    description: 'Ghi "đồng chí" trước người chủ trì ("đồng chí Hoàng Văn Nam, Chủ tịch UBND huyện"). Văn bản của cơ quan trung ương thường không ghi: comrade: false. Mặc định: có.',
  },
  chairOrder: {
    enum: ['name-title', 'title-name'],
    description: 'Thứ tự họ tên và chức vụ người chủ trì: name-title ("Hoàng Văn Nam, Chủ tịch UBND huyện", mặc định) hoặc title-name ("Thủ tướng Chính phủ Phạm Minh Chính").',
  },
  chairVerb: {
    enum: ['chủ trì', 'đã chủ trì'],
    description: 'Động từ của người chủ trì: "đã chủ trì" hoặc "chủ trì". Mặc định: "đã chủ trì" (opening: full), "chủ trì" (opening: brief).',
  },
  heard: {
    enum: ['discussion', 'opinions'],
    description:
      'Câu "Sau khi nghe": discussion ("Sau khi nghe Bộ Tài chính báo cáo; ý kiến trao đổi, thảo luận của các đại biểu, …") hoặc opinions ("Sau khi nghe báo cáo của Bộ Tài chính và ý kiến của các đại biểu dự họp, …"). Mặc định: discussion (opening: full), opinions (opening: brief).',
  },
  attendeesLead: str('Lời dẫn thường dùng trước thành phần tham dự, ví dụ "Tham dự có" (meeting.attendeesLead của từng thông báo được ưu tiên). Mặc định: "Tham dự <hình thức họp> có".'),
  discussants: str('Cách gọi thường dùng những người phát biểu ý kiến, ví dụ "các đại biểu dự họp" (meeting.discussants được ưu tiên).'),
  concludes: {
    enum: ['kết luận như sau:', 'kết luận:'],
    description: 'Cuối đoạn mở đầu: "kết luận như sau:" hoặc "kết luận:". Mặc định: "kết luận như sau:" (opening: full), "kết luận:" (opening: brief).',
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

/**
 * Mã định danh điện tử of an agency (Quyết định 20/2020/QĐ-TTg, used as
 * OrganId by QCVN 102:2016/BTTTT): four groups, e.g. 000.00.00.G22.
 */
const organId: Json = str(
  'Mã định danh điện tử dạng 000.00.00.G22: 3 chữ số, 2 chữ số, 2 chữ số, một chữ in hoa và 2 chữ số, cách nhau bởi dấu chấm. Là OrganId trong gói tin edXML (Quyết định 20/2020/QĐ-TTg).',
  { pattern: '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$' },
);

const signer: Json = obj(
  'Người ký.',
  {
    name: str('Họ và tên người ký (không ghi học hàm, học vị).'),
    title: str('Chức vụ của người ký, ví dụ "Chánh Văn phòng", "Phó Chủ tịch".'),
  },
  ['name', 'title'],
);

/** Config only: the signer's signature image (ND30 Phụ lục I, II.7.d, ô 7c). */
const signatureImage: Json = str(
  'Hình ảnh chữ ký của người ký: tệp PNG nền trong suốt, màu xanh, đường dẫn tính từ thư mục dự án (ví dụ "hinh-anh/chu-ky-nguyen-van-a.png"). Chỉ in khi thông báo có "signing: { images: true }" hoặc khi dựng với --images.',
);

/** Config only: the agency's seal image at its real size (ND30 Phụ lục I, II.8.a, ô 8). */
const seal: Json = obj(
  'Hình ảnh con dấu của cơ quan: tệp PNG nền trong suốt, màu đỏ, in đúng kích thước thật, trùm lên khoảng 1/3 hình ảnh chữ ký về phía bên trái.',
  {
    image: str('Tệp PNG con dấu, đường dẫn tính từ thư mục dự án (ví dụ "hinh-anh/dau-ubnd.png").'),
    diameterMm: { type: 'number', minimum: 20, maximum: 60, description: 'Đường kính thật của con dấu, tính bằng mm (thường 32–42).' + between(20, 60) },
  },
  ['image', 'diameterMm'],
);

/** A year as a deadline ("trong năm 2025"), in the notices' year range. */
const yearValue: Json = { type: 'integer', minimum: ranges.year.min, maximum: ranges.year.max, description: 'Một năm, ví dụ 2025.' + between(ranges.year.min, ranges.year.max) };

const deadline: Json = {
  description:
    `Thời hạn: một ngày (2023-04-20), một tháng (2023-04), một quý (2026-Q1), một năm (2025: "trong năm 2025") hoặc lời ghi tự do ("thường xuyên"); năm từ ${ranges.year.min} đến ${ranges.year.max}. Viết [[deadline]] trong câu để chèn cụm từ thời hạn.`,
  anyOf: [
    { type: 'string', minLength: 1 },
    { ...yearValue, description: 'Một năm: 2025 in "trong năm 2025".' + between(ranges.year.min, ranges.year.max) },
    obj(
      'Thời hạn với cách ghi riêng.',
      {
        on: { description: `Ngày (2023-04-20), tháng (2023-04), quý (2026-Q1), năm (2025) hoặc lời ghi tự do; năm từ ${ranges.year.min} đến ${ranges.year.max}.`, anyOf: [{ type: 'string', minLength: 1 }, yearValue] },
        style: { enum: ['numeric', 'words'], description: 'Cách ghi thời hạn này (ghi đè cách ghi chung).' },
        phrase: {
          enum: ['before', 'on', 'latest'],
          description: 'Từ đứng trước một ngày: before ("trước ngày 05 tháng 12 năm 2025", mặc định), on ("vào ngày 19 tháng 12 năm 2025"), latest ("chậm nhất ngày 19 tháng 12 năm 2025"). Chỉ dùng với một ngày.',
        },
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

const taskFields: Record<string, Json> = {
  lead: oneOrMany('Cơ quan chủ trì thực hiện nhiệm vụ này.'),
  support: oneOrMany('Cơ quan phối hợp.'),
  deadline,
  status,
};

const enumerate: Json = obj(
  'Liệt kê trong cùng đoạn: "(1) …; (2) …" hoặc "(i) …; (ii) …", đánh số tự động.',
  {
    style: { enum: ['arabic', 'roman'], description: 'arabic: (1), (2)…; roman: (i), (ii)…. Mặc định: arabic.' },
    items: {
      type: 'array',
      minItems: 1,
      description: 'Các ý, không ghi số thứ tự và dấu ";". Một ý có thể là một nhiệm vụ riêng, ví dụ { point: "Bộ Tài chính hoàn thiện dự thảo [[deadline]]", lead: Bộ Tài chính, deadline: 2025-12-05 }.',
      items: {
        anyOf: [
          { type: 'string', minLength: 1 },
          obj('Một ý là một nhiệm vụ: cơ quan chủ trì, phối hợp, thời hạn riêng ([[deadline]] trong ý chèn thời hạn của ý).', { point: str('Nội dung ý, không ghi số thứ tự, ví dụ "tổng hợp kết quả, báo cáo Thủ tướng Chính phủ [[deadline]]".'), ...taskFields }, ['point']),
        ],
      },
    },
    after: str('Phần câu viết tiếp sau ý cuối, trong cùng đoạn, ví dụ ", bảo đảm tiến độ chung." hoặc "để bảo đảm tiến độ chung." (bắt đầu bằng dấu câu thì in liền sau ý cuối, nếu không thì cách một dấu cách).'),
  },
  ['items'],
);

const tasks: Json = {
  type: 'array',
  minItems: 1,
  description:
    'Nhiều nhiệm vụ trong cùng một câu, mỗi nhiệm vụ có cơ quan chủ trì, phối hợp, thời hạn riêng; [[deadline:1]], [[deadline:2]]… chèn thời hạn của nhiệm vụ thứ 1, 2…. Ví dụ: tasks: [{ lead: Các bộ, deadline: 2025-12-05 }, { lead: Bộ Tư pháp, deadline: 2025-12-10 }]. Không ghi cùng "lead", "deadline" của đoạn.',
  items: obj('Một nhiệm vụ trong câu.', taskFields),
};

const directiveFields: Record<string, Json> = { enumerate, ...taskFields, tasks };

const childNumbering: Record<string, Json> = {
  childNumbering: {
    enum: numberingStyles,
    description: 'Kiểu đánh số các đoạn con của mục này (thay cho kiểu theo cấp): ' + numberingChoices + ' Ví dụ childNumbering: ordinal.',
  },
  childLabels: {
    enum: ['plain', 'italic', 'bold'],
    description: 'Kiểu chữ của số thứ tự các đoạn con: plain (thường, mặc định), italic ("*Thứ nhất,*"), bold.',
  },
};

const richText =
  ' Cho phép **in đậm** và *in nghiêng*; [[PCI]] chèn câu kết quả chỉ số, [[PCI:high]] / [[PCI:low]] các chỉ số thành phần cao/thấp điểm, [[PCI:position]] câu xếp vị trí. Viết \\[[ (trong dấu ngoặc kép: \\\\[[) để in đúng dấu [[ mà không chèn gì.';

/**
 * The first schema whose condition holds, as a chain of `if`/`then`/`else`.
 * Recursive unions must not be `anyOf`: with `allErrors` ajv validates every
 * branch, and a node's `content` was checked once per branch, so the time
 * doubled with every level of nesting (24 levels took 54 s). A chain picks
 * one branch by the node's own keys and validates the subtree once.
 */
function firstMatch(cases: readonly (readonly [condition: Json, schema: Json])[], otherwise?: Json): Json {
  let out: Json | undefined = otherwise;
  for (const [condition, schema] of [...cases].reverse()) out = { if: condition, then: schema, ...(out ? { else: out } : {}) };
  return out ?? {};
}

/** An object that has `key`: how a body node says which kind it is. */
const has = (key: string): Json => ({ type: 'object', required: [key] });

/** The keys of every kind of body node, described once more on the node itself: editors offer them all when a node is still empty. */
const nodeKeys: Record<string, Json> = Object.fromEntries(
  Object.entries({
    item: 'Đoạn đánh số (1., 2. … theo cấp), có thể là một nhiệm vụ: nội dung đoạn, không ghi số thứ tự.',
    text: 'Đoạn văn không đánh số, có thể là một nhiệm vụ: nội dung đoạn.',
    dash: 'Đoạn gạch đầu dòng ("- …"), có thể là một nhiệm vụ: nội dung, không ghi dấu gạch.',
    heading: 'Mục có tiêu đề (được đánh số tự động: I., 1., a)…): tiêu đề của mục, không ghi số thứ tự.',
  }).map(([key, description]) => [key, { description }]),
);

/** Recursive body node; `$ref` to itself through $defs. Its kind is chosen by its key (item, text, dash, else a section). */
const node: Json = {
  description: 'Một đoạn của phần nội dung: một câu văn, hoặc một mục có tiêu đề, mục đánh số, gạch đầu dòng, nhiệm vụ.',
  type: ['string', 'object'],
  properties: nodeKeys,
  ...firstMatch([
    [{ type: 'string' }, { type: 'string', minLength: 1, description: 'Đoạn văn không đánh số.' + richText }],
    [
      has('item'),
      obj(
        'Đoạn đánh số (1., 2. … theo cấp), có thể là một nhiệm vụ.',
        { item: str('Nội dung đoạn, không ghi số thứ tự.' + richText), ...directiveFields, ...childNumbering, content: { type: 'array', items: { $ref: '#/$defs/node' }, description: 'Các đoạn con.' } },
        ['item'],
      ),
    ],
    [has('text'), obj('Đoạn văn không đánh số, có thể là một nhiệm vụ.', { text: str('Nội dung đoạn.' + richText), ...directiveFields }, ['text'])],
    [has('dash'), obj('Đoạn gạch đầu dòng ("- …"), có thể là một nhiệm vụ.', { dash: str('Nội dung, không ghi dấu gạch.' + richText), ...directiveFields }, ['dash'])],
    [
      { type: 'object' },
      obj(
        'Mục có tiêu đề (được đánh số tự động: I., 1., a)…) và các đoạn con.',
        {
          heading: str('Tiêu đề của mục, không ghi số thứ tự.' + richText),
          agency: oneOrMany('Cơ quan được giao các nhiệm vụ trong mục; nếu không có "heading" thì tên cơ quan là tiêu đề.'),
          numbered: { type: 'boolean', description: 'Đánh số mục này. Mặc định: có.' },
          ...childNumbering,
          content: { type: 'array', items: { $ref: '#/$defs/node' }, description: 'Các đoạn trong mục.' },
        },
        [],
      ),
    ],
  ]),
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
        units: {
          type: 'array',
          minItems: 1,
          description: 'Nơi lưu, ví dụ [VT, NC]; đơn vị lưu nhiều bản ghi { unit: CN, copies: 2 } để in "CN (2)".',
          items: {
            anyOf: [
              { type: 'string', minLength: 1 },
              obj('Một nơi lưu và số bản lưu: { unit: NN, copies: 03 } in "NN (03)".', {
                unit: str('Ký hiệu nơi lưu, ví dụ CN, QHĐP.'),
                copies: {
                  description: 'Số bản lưu, in trong ngoặc sau nơi lưu, đúng như đã ghi: 2 → "(2)", 03 → "(03)", 2b → "(2b)".',
                  anyOf: [
                    { type: 'integer', minimum: ranges.copies.min, maximum: ranges.copies.max, description: 'Số bản lưu.' + between(ranges.copies.min, ranges.copies.max) },
                    { type: 'string', pattern: '^[0-9]{1,4}[a-zđ]?$', description: 'Số bản viết như văn bản gốc: chữ số, có thể thêm một chữ cái, ví dụ "03", "2b".' },
                  ],
                },
              }, ['unit', 'copies']),
            ],
          },
        },
        drafter: str('Ký hiệu người soạn thảo, in sau nơi lưu, ví dụ "Hg" → "Lưu: VT, NN (03). Hg.", "nvv" → "Lưu: VT, CN (2). nvv".'),
        copies: { type: 'integer', minimum: ranges.copies.min, maximum: ranges.copies.max, description: 'Số lượng bản phát hành.' + between(ranges.copies.min, ranges.copies.max) },
        separator: {
          enum: ['stop', 'space'],
          description: 'Giữa nơi lưu và ký hiệu người soạn thảo: stop (dấu chấm, "VT, CN (2). nvv", mặc định) hoặc space (dấu cách, "Văn thư, QHĐP (2b) TĐT").',
        },
        finalStop: { type: 'boolean', description: 'Dấu chấm cuối dòng "Lưu:". Mặc định: có; false để in "Lưu: VT, CN (2). nvv".' },
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
          date: date('Ngày họp (YYYY-MM-DD); ngày đầu nếu họp nhiều ngày.'),
          until: date('Ngày cuối nếu họp nhiều ngày: date: 2025-11-08, until: 2025-11-09 in "Từ ngày 08 đến ngày 09 tháng 11 năm 2025".'),
          time: { enum: ['sáng', 'chiều', 'tối'], description: 'Buổi họp: sáng → "Sáng ngày 08 tháng 11 năm 2025", chiều → "Chiều ngày …", tối → "Tối ngày …".' },
          venue: str('Địa điểm họp, ví dụ "trụ sở UBND huyện Bắc Sơn".'),
          subject: str('Nội dung cuộc họp, viết tiếp sau hình thức họp.'),
          chair: obj(
            'Người chủ trì.',
            {
              name: str('Họ và tên.'),
              title: str('Chức vụ, ví dụ "Chủ tịch UBND huyện", "Thủ tướng Chính phủ".'),
              role: str('Cương vị ghi sau họ tên, chức vụ, ví dụ "Trưởng Ban Chỉ đạo" → "Phó Thủ tướng Chính phủ Trần Hồng Hà, Trưởng Ban Chỉ đạo".'),
              short: str('Cách gọi ngắn ở lần nhắc sau ("… Thủ tướng Chính phủ kết luận"), ví dụ "Thủ tướng Chính phủ", "Phó Thủ tướng".'),
            },
            ['title'],
          ),
          attendees: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Thành phần tham dự; mỗi phần tử một nhóm (nối bằng dấu ";").' },
          attendeesLead: str('Lời dẫn trước thành phần tham dự, ví dụ "Cùng dự", "Tham dự có các đồng chí", "Tại điểm cầu Trụ sở Chính phủ có". Mặc định: "Tham dự <hình thức họp> có".'),
          before: str('Việc người chủ trì làm trước cuộc họp, viết tiếp sau tên người chủ trì, ví dụ "đã đến thăm Trung tâm Phục vụ hành chính công tỉnh, làm việc với lãnh đạo tỉnh" (nối với cuộc họp bằng "và").'),
          acknowledgement: str('Câu ghi nhận, biểu dương, thành một đoạn sau đoạn mở đầu, ví dụ "Thay mặt Chính phủ, Thủ tướng Chính phủ ghi nhận, biểu dương những kết quả … đạt được". Cho phép **in đậm**, *in nghiêng*, [[PCI]].'),
          discussants: str('Những người phát biểu ý kiến, ví dụ "các đại biểu dự họp". Mặc định: "các thành phần dự họp" (opening: full), "các đại biểu" (opening: brief).'),
          reports: {
            type: 'array',
            description: 'Các báo cáo được nghe tại cuộc họp.',
            items: obj(
              'Một báo cáo.',
              { by: str('Cơ quan báo cáo.'), content: str('Nội dung báo cáo, ví dụ "báo cáo kết quả …", hoặc "báo cáo" ("Sau khi nghe Bộ Tài chính báo cáo"). Bỏ trống để in "báo cáo của <cơ quan>".') },
              ['by'],
            ),
          },
        },
        ['kind', 'date', 'subject', 'chair'],
      ),
      indices: { type: 'array', items: indexResult, description: 'Kết quả các bộ chỉ số được đánh giá.' },
      style,
      openingText: obj(
        'Viết tự do đoạn mở đầu (thay cho câu ketluan ghép). [[date]] chèn ngày họp như đã tính ("Ngày 08 tháng 11 năm 2025", "Từ ngày 08 đến ngày 09 tháng 11 năm 2025", "Sáng ngày …"); cho phép **in đậm**, *in nghiêng*, [[PCI]].',
        {
          intro: str('Đoạn thứ nhất (ngày, địa điểm, người chủ trì, thành phần), ví dụ "[[date]], tại Trụ sở Chính phủ, Thủ tướng Chính phủ Phạm Minh Chính chủ trì cuộc họp …".'),
          heard: str('Đoạn thứ hai (đã nghe gì, ai kết luận), ví dụ "Sau khi nghe báo cáo của Bộ Xây dựng, ý kiến của các đại biểu, Thủ tướng Chính phủ kết luận như sau:".'),
        },
      ),
      body: { type: 'array', items: { $ref: '#/$defs/node' }, minItems: 1, description: 'Nội dung kết luận.' },
      closing: str('Câu kết, không ghi dấu "./." (được thêm tự động), ví dụ "Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện".' + richText),
      recipients: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
        description: 'Nơi nhận, mỗi phần tử một dòng, không ghi dấu "-" và ";" (được thêm tự động). Ghi chú như (b/c) viết liền sau tên.',
      },
      footnote: str('Ghi chú cuối văn bản (nếu có), in nghiêng thành một đoạn sau câu kết. Để có chú thích ở chân trang (số chú thích nhỏ đặt trên dòng chữ), dùng "footnotes".' + richText),
      footnotes: {
        type: 'object',
        description:
          'Chú thích ở chân trang, theo mã. Đặt dấu chú thích [[^mã]] ngay sau chữ cần chú thích, trong bất kỳ đoạn, đề mục, ý liệt kê hay câu kết nào; ' +
          'chú thích được đánh số 1, 2, 3… theo thứ tự xuất hiện và in ở cuối trang có dấu chú thích, dưới một đường kẻ ngắn. Mỗi chú thích đặt đúng một dấu. ' +
          'Ví dụ: text: "Thực hiện Nghị quyết số 140/NQ-CP[[^nq140]], …" và footnotes: { nq140: "Nghị quyết số 140/NQ-CP ngày 24 tháng 9 năm 2025 của Chính phủ." }. ' +
          'Nội dung chú thích có thể dùng **đậm**, *nghiêng* và [[mã chỉ số]], không chứa dấu chú thích khác.',
        propertyNames: { pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' },
        additionalProperties: str('Nội dung chú thích.' + richText),
      },
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
      signing: obj('Ban hành điện tử.', {
        images: {
          type: 'boolean',
          description:
            'In hình ảnh chữ ký của người ký (signers.<mã>.signatureImage) và hình ảnh con dấu (issuers.<mã>.seal) vào chỗ ký của DOCX và PDF. Dự thảo (chưa có số) không bao giờ in hình ảnh. Mặc định: không.',
        },
      }),
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
      additionalProperties: { ...issuer, properties: { ...(issuer.properties as Record<string, Json>), organId, seal } },
    },
    organIds: {
      type: 'object',
      description: 'Mã định danh điện tử của các nơi nhận, để gửi văn bản qua Trục liên thông (npx ketluan export --edxml): tên nơi nhận đúng như ghi trong "recipients" → mã định danh.',
      additionalProperties: organId,
    },
    signers: {
      type: 'object',
      description: 'Những người ký, theo mã.',
      propertyNames: { pattern: '^[a-z0-9][a-z0-9-]*$' },
      additionalProperties: { ...signer, properties: { ...(signer.properties as Record<string, Json>), signatureImage } },
    },
    fonts: obj('Phông chữ cho PDF.', {
      dir: str('Thư mục chứa 4 tệp TTF (thường, đậm, nghiêng, đậm nghiêng) cùng cỡ với Times New Roman.'),
    }),
    pdf: obj('Tệp PDF.', {
      standard: {
        enum: ['pdfa-1b', 'pdfa-2b'],
        description: 'Chuẩn lưu trữ PDF/A: pdfa-1b (ISO 19005-1) hoặc pdfa-2b (ISO 19005-2). Bỏ trống: PDF thường.',
      },
    }),
  }),
};
