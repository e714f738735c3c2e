/**
 * `ketluan studio [--port N] [--no-open]`: a local web page where the clerk
 * writes a notice and sees its PDF form as they type (src/studio/).
 */
import type { Command } from './command.ts';
import { exit, parseOptions, UsageError } from './command.ts';

export const command: Command = {
  help: {
    vi: `Cách dùng: npx ketluan studio [--port SỐ] [--no-open]

Mở trang soạn thảo thông báo kết luận trong trình duyệt: danh sách các thông
báo trong conclusions/ theo năm, soạn tệp YAML có gợi ý và báo lỗi ngay khi
gõ, xem trang PDF thay đổi theo từng chữ, dán văn bản từ Word (tự làm sạch),
kiểm tra, tạo DOCX và PDF, cấp số, danh sách nhiệm vụ.

Dòng đầu tiên in ra là địa chỉ của trang (có mã truy cập riêng cho lần chạy
này); trang chỉ mở được trên chính máy này. Ctrl+C để dừng.

Tùy chọn:
  --port SỐ        Cổng (mặc định: một cổng còn trống)
  --no-open        Không tự mở trình duyệt, chỉ in địa chỉ
  --lang vi|en     Ngôn ngữ của trang và thông báo
  -h, --help       Xem hướng dẫn này

Mã thoát: 0 đã dừng bình thường, 1 không mở được cổng, 2 lệnh sai cú pháp.`,
    en: `Usage: npx ketluan studio [--port N] [--no-open]

Opens a page in the browser for writing conclusion notices: the notices of
conclusions/ by year, a YAML editor that completes and flags problems as you
type, the PDF page redrawn as you type, paste from Word (cleaned), check,
build DOCX and PDF, issue a number, the task list.

The first line printed is the page's address (with a token of its own for
this run); the page opens on this computer only. Ctrl+C stops it.

Options:
  --port N         Port (default: a free port)
  --no-open        Do not open the browser, only print the address
  --lang vi|en     Language of the page and the messages
  -h, --help       This help

Exit code: 0 stopped normally, 1 the port could not be opened, 2 bad usage.`,
  },
  async run(ctx) {
    const { values, positionals } = parseOptions(ctx.args, { port: { type: 'string' }, 'no-open': { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(ctx.lang === 'vi' ? `studio không nhận tên tệp: ${positionals.join(' ')}` : `studio takes no file names: ${positionals.join(' ')}`);
    let port = 0;
    if (values.port !== undefined) {
      if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
        throw new UsageError(ctx.lang === 'vi' ? `--port cần một số từ 0 đến 65535, không phải "${values.port}"` : `--port needs a number from 0 to 65535, not "${values.port}"`);
      }
      port = Number(values.port);
    }
    const { ensureFrontEnd } = await import('../studio/assets.ts');
    const { startStudio, openInSystem } = await import('../studio/server.ts');
    let assets: string;
    try {
      assets = await ensureFrontEnd();
    } catch (error) {
      ctx.stderr.write(
        (ctx.lang === 'vi'
          ? `Chưa có giao diện studio (${(error as Error).message}). Chạy npm ci trong thư mục ketluan rồi thử lại.`
          : `The studio's front end is missing (${(error as Error).message}). Run npm ci in the ketluan folder and try again.`) + '\n',
      );
      return exit.invalid;
    }
    let studio;
    try {
      studio = await startStudio({ cwd: ctx.cwd, lang: ctx.lang, port, assets });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
      ctx.stderr.write(
        (ctx.lang === 'vi'
          ? `Không mở được cổng ${port} (${code === 'EADDRINUSE' ? 'đang có chương trình khác dùng' : 'không có quyền'}). Chọn cổng khác (--port) hoặc bỏ --port.`
          : `Cannot listen on port ${port} (${code === 'EADDRINUSE' ? 'in use by another program' : 'permission denied'}). Choose another port (--port) or leave --port out.`) + '\n',
      );
      return exit.invalid;
    }
    // The first line is the URL, for the clerk and for scripts that start the studio.
    ctx.stdout.write(`${studio.url}\n`);
    ctx.stdout.write((ctx.lang === 'vi' ? 'ketluan studio đang chạy trên máy này. Ctrl+C để dừng.' : 'ketluan studio is running on this computer. Ctrl+C stops it.') + '\n');
    if (!values['no-open']) openInSystem(studio.url);
    await new Promise<void>((done) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await studio.close();
    return exit.ok;
  },
};
