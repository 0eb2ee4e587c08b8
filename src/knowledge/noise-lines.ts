// Lines of a scraped page that are page furniture, not reporting: image credits, slideshow
// counters, "Source: ..." footers, share buttons. They must yield no entities and no events.

const NOISE_LINES: readonly RegExp[] = [
  /^card \d+ of \d+$/i,
  /^(source|sources|photo|image|video|graphic)\s*:\s*\S*$/i,
  /^(advertisement|supported by|continue reading the main story|read more|share this article|share|subscribe)\.?$/i,
  /^(follow|sign up|click here)\b.{0,80}$/i,
  // An image caption glued to its credit, as scrapers leave them: "ImageMr. Putin ... .Credit…Pool photo by ..."
  /^Image(?=[A-Z“"‘])/,
  /^credit(…|\.\.\.|:)/i,
];

// A credit at the end of a line: "...must stop.Credit…Pool photo by Evgeny Biyatov/EPA".
const TRAILING_CREDIT = /(?:credit(?:…|\.\.\.|:)|photo(?:graph)?s? by |\((?:reuters|ap|afp|getty images)\)\s*$).*$/i;
// "WASHINGTON — " or "KYIV, Ukraine — ": a dateline names where the reporter was, not who acted.
const DATELINE = /^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w .'’-]*)?\s+[—–-]\s+/;

/** True for a line that carries no reporting at all. */
export function isNoiseLine(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || NOISE_LINES.some((pattern) => pattern.test(trimmed));
}

/** The line without a trailing image credit or a leading dateline. */
export function stripLineFurniture(line: string): string {
  return line.replace(TRAILING_CREDIT, '').replace(DATELINE, '').trim();
}

/**
 * A heading: a short line in Title Case without closing punctuation ("Understand the Escalating
 * Tensions Over Ukraine"). Taggers read every capitalised word in it as a name, so headings only
 * count for names the gazetteer or the body already knows.
 */
export function isHeading(line: string): boolean {
  const trimmed = line.trim();
  if (/[.!?”"’)]$/.test(trimmed)) return false;
  const words = trimmed.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  if (words.length === 0 || words.length > 14) return false;
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return capitalised / words.length >= 0.6 || words.length <= 8;
}
