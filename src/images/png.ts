/**
 * Checks a PNG meant as a signature or seal image (ND30 Phụ lục I, II.7.d,
 * II.8.a): a real PNG, of a sensible pixel size, with a transparent
 * background, in one colour roughly blue (signature) or red (seal); and
 * turns it into what the writers need (src/ir.ts InkImage). Pure: the
 * caller reads the file.
 */
import { decode, hasPngSignature, type DecodedPng } from 'fast-png';
import type { Bilingual } from '../diagnostics.ts';
import type { InkImage } from '../ir.ts';
import { signatureImages as limits } from '../nd30.ts';

/** The colour an image must have: the signature's blue or the seal's red. */
export type Ink = 'blue' | 'red';

/** Why a PNG cannot be used, with its diagnostic code (src/validate/codes.ts). */
export interface ImageProblem {
  readonly code: 'KL531' | 'KL532' | 'KL533' | 'KL534';
  readonly message: Bilingual;
}

/** The 8-byte signature, then IHDR's length, type, width and height. */
const IHDR_END = 24;

/** `bytes` as an InkImage in `ink`, or why not. */
export function readInkImage(bytes: Uint8Array, ink: Ink): { image: InkImage } | { problem: ImageProblem } {
  const fail = (code: ImageProblem['code'], vi: string, en: string): { problem: ImageProblem } => ({ problem: { code, message: { vi, en } } });
  if (bytes.length < IHDR_END || !hasPngSignature(bytes)) return fail('KL531', 'tệp không phải là ảnh PNG', 'the file is not a PNG image');
  // The size, before decoding: a tiny file may claim a huge image.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width < limits.minPx || height < limits.minPx || width > limits.maxPx || height > limits.maxPx) {
    return fail(
      'KL533',
      `ảnh có kích thước ${width}×${height} điểm ảnh; cần từ ${limits.minPx} đến ${limits.maxPx} điểm ảnh mỗi chiều`,
      `the image is ${width}×${height} pixels; each side must be ${limits.minPx} to ${limits.maxPx} pixels`,
    );
  }
  let png: DecodedPng;
  try {
    png = decode(bytes);
  } catch {
    return fail('KL531', 'tệp PNG bị hỏng, không đọc được', 'the PNG file is damaged and cannot be read');
  }
  const alpha = alphaReader(png);
  if (!alpha) {
    return fail(
      'KL532',
      'ảnh PNG không có nền trong suốt (không có kênh alpha hay tRNS); hãy xuất lại ảnh với nền trong suốt',
      'the PNG has no transparent background (no alpha channel or tRNS); export it again with a transparent background',
    );
  }
  const rowBytes = Math.ceil(width / 8);
  const mask = new Uint8Array(rowBytes * height).fill(0xff);
  let inkPixels = 0;
  const sum = [0, 0, 0];
  const rgba: [number, number, number, number] = [0, 0, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      alpha(y * width + x, rgba);
      if (rgba[3] < limits.inkAlpha) continue;
      inkPixels++;
      sum[0] += rgba[0];
      sum[1] += rgba[1];
      sum[2] += rgba[2];
      mask[y * rowBytes + (x >> 3)] &= ~(0x80 >> (x & 7));
    }
  }
  const pixels = width * height;
  if (inkPixels === 0) return fail('KL532', 'ảnh PNG trong suốt hoàn toàn, không có nét nào', 'the PNG is fully transparent: nothing is drawn');
  if (pixels - inkPixels < pixels * limits.minTransparentShare) {
    return fail(
      'KL532',
      'nền của ảnh PNG không trong suốt; hãy xuất lại ảnh với nền trong suốt',
      'the PNG background is not transparent; export it again with a transparent background',
    );
  }
  const rgb = sum.map((v) => Math.round((v / inkPixels / 255) * 1000) / 1000) as [number, number, number];
  if (!hasHue(rgb, ink)) {
    const hex = '#' + rgb.map((c) => Math.round(c * 255).toString(16).padStart(2, '0')).join('');
    return ink === 'blue'
      ? fail('KL534', `chữ ký phải có màu xanh; màu trung bình của nét là ${hex}`, `the signature must be blue; its strokes' mean colour is ${hex}`)
      : fail('KL534', `con dấu phải có màu đỏ; màu trung bình của nét là ${hex}`, `the seal must be red; its strokes' mean colour is ${hex}`);
  }
  return { image: { png: bytes, widthPx: width, heightPx: height, mask, rgb } };
}

/** Whether the colour's HSV hue lies in `ink`'s range and it is saturated enough. */
function hasHue([r, g, b]: readonly [number, number, number], ink: Ink): boolean {
  const max = Math.max(r, g, b);
  const delta = max - Math.min(r, g, b);
  if (max === 0 || delta / max < limits.minSaturation) return false;
  let hue = max === r ? ((g - b) / delta) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
  hue = (hue * 60 + 360) % 360;
  const [from, to] = ink === 'blue' ? limits.blueHue : limits.redHue;
  return from <= to ? hue >= from && hue <= to : hue >= from || hue <= to;
}

/**
 * A reader of pixel i as 8-bit RGBA, for every PNG colour type that can be
 * transparent: grey or RGB with alpha, or with a tRNS chunk (palette
 * entries' alphas, or the one transparent grey / RGB value); undefined for
 * a PNG that cannot be transparent.
 */
function alphaReader(png: DecodedPng): ((i: number, out: [number, number, number, number]) => void) | undefined {
  const { width, depth, channels, data, palette, transparency } = png;
  const max = (1 << depth) - 1;
  const rowSamples = width * channels;
  // Rows of samples under 8 bits are packed and padded to whole bytes; 16-bit samples come as a Uint16Array.
  const rowBytes = Math.ceil((rowSamples * depth) / 8);
  const sample = (i: number, c: number): number => {
    const row = Math.floor(i / width);
    const s = (i % width) * channels + c;
    if (depth >= 8) return data[row * rowSamples + s];
    const bit = s * depth;
    return (data[row * rowBytes + (bit >> 3)] >> (8 - depth - (bit & 7))) & max;
  };
  const to8 = (v: number): number => (depth === 16 ? v >> 8 : depth === 8 ? v : Math.round((v * 255) / max));
  if (palette) {
    // fast-png appends a tRNS chunk's alphas to the palette entries (4 components); without one, none has a 4th.
    if (!palette.some((entry) => entry.length > 3)) return undefined;
    return (i, out) => {
      const [r, g, b, a] = palette[sample(i, 0)] ?? [0, 0, 0, 255];
      out[0] = r;
      out[1] = g;
      out[2] = b;
      out[3] = a ?? 255;
    };
  }
  if (channels === 2 || channels === 4) {
    const grey = channels === 2;
    return (i, out) => {
      out[0] = to8(sample(i, 0));
      out[1] = grey ? out[0] : to8(sample(i, 1));
      out[2] = grey ? out[0] : to8(sample(i, 2));
      out[3] = to8(sample(i, channels - 1));
    };
  }
  if (!transparency || transparency.length === 0) return undefined;
  // tRNS on grey or RGB: the one colour that is transparent.
  return (i, out) => {
    let clear = true;
    for (let c = 0; c < channels; c++) {
      const v = sample(i, c);
      if (v !== transparency[c]) clear = false;
      out[c] = to8(v);
    }
    if (channels === 1) out[1] = out[2] = out[0];
    out[3] = clear ? 0 : 255;
  };
}
