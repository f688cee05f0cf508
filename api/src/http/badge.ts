/** A count as people read it: `1,234`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** The shields.io endpoint format (https://shields.io/badges/endpoint-badge). */
export function shieldsEndpoint(label: string, count: number) {
  return { schemaVersion: 1 as const, label, message: formatCount(count), color: 'blue' };
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Verdana 11px, the badge font: about 7 px a character is close enough for labels and digits. */
const textWidth = (text: string) => Math.round(text.length * 7 + 10);

/**
 * A flat two-part badge in the shields.io look. Only a fixed label and digits ever go in, but the
 * text is escaped all the same: this is markup a browser will render.
 */
export function badgeSvg(label: string, count: number): string {
  const message = formatCount(count);
  const left = textWidth(label);
  const right = textWidth(message);
  const width = left + right;
  const [l, m] = [escapeXml(label), escapeXml(message)];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${l}: ${m}">` +
    `<title>${l}: ${m}</title>` +
    `<rect width="${left}" height="20" fill="#555"/>` +
    `<rect x="${left}" width="${right}" height="20" fill="#007ec6"/>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">` +
    `<text x="${left / 2}" y="14">${l}</text>` +
    `<text x="${left + right / 2}" y="14">${m}</text>` +
    `</g></svg>`
  );
}
