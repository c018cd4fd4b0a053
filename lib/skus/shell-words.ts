/**
 * Splits a pasted command line into words the way a POSIX shell would, without expanding anything:
 * quotes, backslash escapes, line continuations and comments. "$HOME" stays "$HOME" (there is no shell
 * here to ask). Unquoted `;`, `|` and `&` end a command, so "docker run … && docker logs …" can be cut
 * after its first command.
 */

type ShellToken = { word: string } | { operator: string };
type SplitResult = { ok: true; tokens: ShellToken[] } | { ok: false };

const OPERATOR_CHARS = new Set([";", "|", "&"]);
const BLANK = /[ \t\r\n]/;
/** Inside double quotes a backslash escapes only these; elsewhere it stays literal. */
const DOUBLE_QUOTE_ESCAPES = new Set(["$", "`", '"', "\\"]);

export function splitShellWords(text: string): SplitResult {
  const tokens: ShellToken[] = [];
  let word = "";
  let inWord = false; // "" is a word too: `--entrypoint ""` must keep its empty value
  const endWord = () => {
    if (inWord) tokens.push({ word });
    word = "";
    inWord = false;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (BLANK.test(c)) {
      endWord();
      i += 1;
    } else if (c === "\\") {
      const next = text[i + 1];
      if (next === "\n")
        i += 2; // line continuation
      else if (next === "\r" && text[i + 2] === "\n") i += 3;
      else {
        if (next !== undefined) {
          word += next;
          inWord = true;
        }
        i += 2;
      }
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return { ok: false };
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      const read = readDoubleQuoted(text, i + 1);
      if (!read) return { ok: false };
      word += read.value;
      inWord = true;
      i = read.end;
    } else if (c === "#" && !inWord) {
      const newline = text.indexOf("\n", i);
      i = newline < 0 ? text.length : newline;
    } else if (OPERATOR_CHARS.has(c)) {
      endWord();
      const double = text[i + 1] === c && c !== ";";
      tokens.push({ operator: double ? c + c : c });
      i += double ? 2 : 1;
    } else {
      word += c;
      inWord = true;
      i += 1;
    }
  }
  endWord();
  return { ok: true, tokens };
}

function readDoubleQuoted(text: string, start: number): { value: string; end: number } | undefined {
  let value = "";
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c === "\\" && text[i + 1] === "\n") i += 2;
    else if (c === "\\" && DOUBLE_QUOTE_ESCAPES.has(text[i + 1] ?? "")) {
      value += text[i + 1];
      i += 2;
    } else {
      value += c;
      i += 1;
    }
  }
  return undefined;
}
