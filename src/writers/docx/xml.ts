/**
 * XML text of the plain object tree that docx components give from their
 * public `prepForXml` (`{ "w:jc": { _attr: { "w:val": "both" } } }`):
 * an element is an object with one key; its value is an array of children,
 * where `{ _attr }` holds attributes and strings are text, or an object
 * holding only `_attr`, or text.
 */
import type { IXmlableObject } from 'docx';

/** Characters XML 1.0 does not allow, dropped as docx drops them. */
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeText(value: string): string {
  return value.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

function attributes(attr: unknown): string {
  if (attr === null || typeof attr !== 'object') return '';
  let out = '';
  for (const [key, value] of Object.entries(attr)) {
    if (value === undefined || value === null) continue;
    out += ` ${key}="${escapeAttribute(String(value))}"`;
  }
  return out;
}

function element(node: IXmlableObject): string {
  const name = Object.keys(node)[0];
  if (name === undefined) return '';
  const value: unknown = node[name];
  if (value === null || value === undefined) return `<${name}/>`;
  if (typeof value !== 'object') return `<${name}>${escapeText(String(value))}</${name}>`;
  if (!Array.isArray(value)) {
    const attr = attributes((value as { _attr?: unknown })._attr);
    return `<${name}${attr}/>`;
  }
  let attr = '';
  let content = '';
  for (const child of value as unknown[]) {
    if (child === null || child === undefined) continue;
    if (typeof child === 'object') {
      const key = Object.keys(child)[0];
      if (key === '_attr') attr += attributes((child as { _attr: unknown })._attr);
      else if (key !== undefined) content += element(child as IXmlableObject);
    } else {
      content += escapeText(String(child));
    }
  }
  return content === '' ? `<${name}${attr}/>` : `<${name}${attr}>${content}</${name}>`;
}

/** A whole part: the XML declaration Word writes, then the root element. */
export function xmlPart(root: IXmlableObject): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${element(root)}`;
}
