/**
 * Stands in for shiki in the browser bundle: codemirror-json-schema loads
 * it to colour code blocks in hover texts, and ketluan's schema descriptions
 * hold none; shiki would add megabytes of grammars and themes to the page.
 */
export async function createHighlighterCore(): Promise<Record<string, never>> {
  return {};
}
/** A markdown-it plugin that does nothing. */
export function fromHighlighter(): () => void {
  return () => undefined;
}
export default {};
