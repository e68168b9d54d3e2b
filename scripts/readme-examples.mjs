// Finds the runnable examples of a README: every ```ts block. The values an example promises to
// print are the trailing comments of its `console.log(...)` lines, e.g.
//   console.log(cache.listKeys()); // [ 'shop/web-1' ]
// promises `[ 'shop/web-1' ]`; a note after two spaces and a parenthesis is not part of the value:
//   console.log(store.listIndexFuncValues('node')); // [ 'node-a' ]  (the empty bucket is gone)

/**
 * @param {string} markdown
 * @returns {{ code: string, line: number, expected: string[] }[]}
 */
export function extractExamples(markdown) {
  const lines = markdown.split('\n');
  const examples = [];
  for (let index = 0; index < lines.length; index += 1) {
    if (lines[index].trim() !== '```ts') continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== '```') end += 1;
    const body = lines.slice(start, end);
    const expected = [];
    for (const line of body) {
      const match = /console\.log\(.*\);\s*\/\/\s?(.*)$/.exec(line);
      if (match === null) continue;
      const value = match[1].replace(/\s{2,}\(.*\)\s*$/, '').trim();
      if (value !== '') expected.push(value);
    }
    examples.push({ code: body.join('\n') + '\n', line: start, expected });
    index = end;
  }
  return examples;
}
