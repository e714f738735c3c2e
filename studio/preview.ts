/**
 * The live page: ketluan's own PDF of the notice (drawn by the server's
 * render thread, the writer `build` uses), shown with pdf.js. pdf.js parses
 * in its own worker. The pages in view are painted first, into new
 * canvases that replace the old ones only when complete, so the page never
 * flickers and the scroll position stays where the clerk left it; the
 * other pages follow in the background, one at a time, so typing never
 * waits for pages the clerk cannot see.
 */
import { getDocument, GlobalWorkerOptions, TextLayer, type PDFPageProxy } from 'pdfjs-dist';

GlobalWorkerOptions.workerSrc = new URL('pdf.worker.mjs', location.href).href;

/** Draws PDFs into `container` (inside the scrolling `pane`). */
export class Preview {
  private drawing = 0;

  constructor(
    private readonly pane: HTMLElement,
    private readonly container: HTMLElement,
  ) {}

  /** Pages (1-based) at least partly in view now; the first two when nothing is shown yet. */
  private visiblePages(count: number): number[] {
    const boxes = [...this.container.children] as HTMLElement[];
    if (boxes.length === 0) return [1, 2].filter((n) => n <= count);
    const top = this.pane.scrollTop;
    const bottom = top + this.pane.clientHeight;
    const seen = boxes.filter((b) => b.offsetTop < bottom && b.offsetTop + b.offsetHeight > top).map((b) => Number(b.dataset.page));
    return (seen.length > 0 ? seen : [1]).filter((n) => n <= count);
  }

  /** One page, painted with its text layer, in a box of its own. */
  private async paint(page: PDFPageProxy, width: number): Promise<HTMLElement> {
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: width / base.width });
    const box = document.createElement('div');
    box.className = 'page';
    box.dataset.page = String(page.pageNumber);
    box.style.width = `${viewport.width}px`;
    box.style.height = `${viewport.height}px`;
    const canvas = document.createElement('canvas');
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${viewport.width}px`;
    canvas.style.height = `${viewport.height}px`;
    box.append(canvas);
    await page.render({ canvasContext: canvas.getContext('2d')!, canvas, viewport, ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}) }).promise;
    // The text layer: the page's words as text, for selection, search and the browser tests.
    const layer = document.createElement('div');
    layer.className = 'textLayer';
    layer.style.setProperty('--total-scale-factor', String(viewport.scale));
    layer.style.setProperty('--scale-factor', String(viewport.scale));
    box.append(layer);
    await new TextLayer({ textContentSource: page.streamTextContent(), container: layer, viewport }).render();
    return box;
  }

  /**
   * Draws `pdf`; resolves with the page count once the pages in view are
   * shown (undefined when a newer drawing started), and goes on with the
   * others in the background.
   */
  async show(pdf: Uint8Array): Promise<number | undefined> {
    const mine = ++this.drawing;
    // Glyphs drawn as paths: no FontFace to load and register for every redraw.
    const doc = await getDocument({ data: pdf, isEvalSupported: false, useSystemFonts: false, disableFontFace: true }).promise;
    let background = false;
    try {
      const width = Math.max(300, this.pane.clientWidth - 24);
      const count = doc.numPages;
      const first = this.visiblePages(count);
      const painted = new Map<number, HTMLElement>();
      for (const n of first) {
        if (mine !== this.drawing) return undefined;
        painted.set(n, await this.paint(await doc.getPage(n), width));
      }
      if (mine !== this.drawing) return undefined;
      // The other pages keep their last drawing until repainted (an empty box of the right size for new ones).
      const old = new Map(([...this.container.children] as HTMLElement[]).map((b) => [Number(b.dataset.page), b]));
      const boxes: HTMLElement[] = [];
      for (let n = 1; n <= count; n++) {
        const box = painted.get(n) ?? old.get(n) ?? placeholder(n, await doc.getPage(n), width);
        boxes.push(box);
      }
      const scroll = this.pane.scrollTop;
      this.container.replaceChildren(...boxes);
      this.pane.scrollTop = scroll;
      background = true;
      void (async () => {
        try {
          for (let n = 1; n <= count; n++) {
            if (painted.has(n)) continue;
            if (mine !== this.drawing) return;
            const box = await this.paint(await doc.getPage(n), width);
            if (mine !== this.drawing) return;
            this.container.children[n - 1]?.replaceWith(box);
          }
        } finally {
          await doc.destroy();
        }
      })();
      return count;
    } finally {
      if (!background) await doc.destroy();
    }
  }

  /**
   * Stops painting (at the next page): the text changed, a new drawing
   * follows, and the browser's main thread is the clerk's first.
   */
  stop(): void {
    this.drawing++;
  }

  /** The shown pages' text, page by page (what pdf.js reads back from the PDF). */
  text(): string[] {
    return [...this.container.querySelectorAll('.textLayer')].map((l) => l.textContent ?? '');
  }
}

/** An empty box the size of a page not painted yet. */
function placeholder(n: number, page: PDFPageProxy, width: number): HTMLElement {
  const base = page.getViewport({ scale: 1 });
  const box = document.createElement('div');
  box.className = 'page';
  box.dataset.page = String(n);
  box.style.width = `${width}px`;
  box.style.height = `${(base.height * width) / base.width}px`;
  return box;
}
