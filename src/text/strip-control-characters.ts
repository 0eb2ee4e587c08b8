// Feed text is written by strangers and ends up in terminals and chat. Control characters in it
// could clear a screen, retitle a window, write to the clipboard (OSC 52) or make a line read
// differently from what it says (bidi overrides), so they are removed wherever feed text enters
// or is shown; only tab and newline are kept.

// Whole escape sequences go, so no "]0;title" debris is left: CSI (ESC [ or 0x9B) up to its
// final byte; OSC, DCS, SOS, PM and APC strings up to BEL or the string terminator (or the end of
// the text, when unterminated); and two-character escapes such as ESC c (full reset).
const ESCAPE_SEQUENCE = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?/g;
// C0 except tab and newline, DEL, C1, and the bidi embeddings, overrides and isolates.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const LINE_OVERWRITE = /\r\n?|[\v\f]/g;

export function stripControlCharacters(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(LINE_OVERWRITE, (ending) => (ending.startsWith('\r\n') ? '\n' : ' ')).replace(CONTROL, '');
}
