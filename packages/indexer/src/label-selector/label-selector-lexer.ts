// The label selector lexer, as apimachinery's labels.Lexer: identifiers are runs of anything but
// whitespace and the special symbols = ! ( ) , > <; the longest operator wins.

/**
 * A token type of the label selector grammar.
 */
export type LabelTokenType =
  'identifier' | 'in' | 'notin' | '!' | '=' | '==' | '!=' | '>' | '<' | '(' | ')' | ',' | 'end';

/**
 * One token, with its text and its offset in the selector.
 */
export interface LabelToken {
  type: LabelTokenType;
  text: string;
  position: number;
}

const symbols: ReadonlySet<string> = new Set(['=', '!', '(', ')', ',', '>', '<']);
const operators: ReadonlySet<string> = new Set(['!', '=', '==', '!=', '>', '<', '(', ')', ',']);
const whitespace: ReadonlySet<string> = new Set([' ', '\t', '\r', '\n']);

/**
 * Splits a label selector into tokens, ending with an `end` token.
 *
 * @param text - the selector.
 * @returns the tokens.
 */
export function lexLabelSelector(text: string): LabelToken[] {
  const tokens: LabelToken[] = [];
  let index = 0;
  for (;;) {
    while (index < text.length && whitespace.has(text.charAt(index))) index += 1;
    if (index >= text.length) break;
    const start = index;
    if (symbols.has(text.charAt(index))) {
      // Grow the operator while the longer text is still an operator (`!` -> `!=`, `=` -> `==`).
      let operator = text.charAt(index);
      index += 1;
      while (index < text.length && operators.has(operator + text.charAt(index))) {
        operator += text.charAt(index);
        index += 1;
      }
      tokens.push({ type: operator as LabelTokenType, text: operator, position: start });
      continue;
    }
    while (
      index < text.length &&
      !symbols.has(text.charAt(index)) &&
      !whitespace.has(text.charAt(index))
    )
      index += 1;
    const word = text.slice(start, index);
    const type: LabelTokenType = word === 'in' || word === 'notin' ? word : 'identifier';
    tokens.push({ type, text: word, position: start });
  }
  tokens.push({ type: 'end', text: '', position: text.length });
  return tokens;
}
