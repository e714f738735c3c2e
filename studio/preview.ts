/**
 * The live page: ketluan's own PDF of the notice (drawn by the server's
 * render thread, the writer `build` uses), shown with pdf.js. pdf.js parses
 * in its own worker; pages are painted one at a time into a new set of
 * canvases that replaces the old one only when complete, so the page never
 * flickers and the scroll position stays where the clerk left it.
 */
import { getDocument, GlobalWorkerOptions, TextLayer } from 'pdfjs-dist';

GlobalWorkerOptions.workerSrc = new URL('pdf.worker.mjs', location.href).href;

/** Draws PDFs into `container` (inside the scrolling `pane`). */
export class Preview {
  private drawing = 0;

  constructor(
    private readonly pane: HTMLElement,
    private readonly container: HTMLElement,
  ) {}

  /** Draws `pdf`; resolves with the page count once shown (or undefined when a newer drawing started). */
  async show(pdf: Uint8Array): Promise<number | undefined> {
    const mine = ++this.drawing;
    const doc = await getDocument({ data: pdf, isEvalSupported: false, useSystemFonts: false }).promise;
    try {
      const width = Math.max(300, this.pane.clientWidth - 24);
      const fresh = document.createElement('div');
      for (let n = 1; n <= doc.numPages; n++) {
        if (mine !== this.drawing) return undefined;
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: width / base.width });
        const box = document.createElement('div');
        box.className = 'page';
        box.dataset.page = String(n);
        box.style.width = `${viewport.width}px`;
        box.style.height = `${viewport.height}px`;
        const canvas = document.createElement('canvas');
        const ratio = window.devicePixelRatio || 1;
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        canvas.style.width = `${viewport.width}px`;
        canvas.style.height = `${viewport.height}px`;
        box.append(canvas);
        const context = canvas.getContext('2d')!;
        await page.render({ canvasContext: context, canvas, viewport, ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}) }).promise;
        // The text layer: the page's words as text, for selection, search and the browser tests.
        const layer = document.createElement('div');
        layer.className = 'textLayer';
        layer.style.setProperty('--total-scale-factor', String(viewport.scale));
        layer.style.setProperty('--scale-factor', String(viewport.scale));
        box.append(layer);
        await new TextLayer({ textContentSource: page.streamTextContent(), container: layer, viewport }).render();
        fresh.append(box);
      }
      if (mine !== this.drawing) return undefined;
      const scroll = this.pane.scrollTop;
      this.container.replaceChildren(...fresh.children);
      this.pane.scrollTop = scroll;
      return doc.numPages;
    } finally {
      await doc.destroy();
    }
  }

  /** The shown pages' text, page by page (what pdf.js reads back from the PDF). */
  text(): string[] {
    return [...this.container.querySelectorAll('.textLayer')].map((l) => l.textContent ?? '');
  }
}
