import { describe, expect, it } from 'vitest';
import { demoSteps } from './demo-scenario';
import { runDemo } from './run-demo';

describe('runDemo', () => {
  it('should play the whole script and print one line per change on a plain stream', async () => {
    let output = '';
    await runDemo({
      signal: new AbortController().signal,
      terminal: { write: (text: string) => (output += text) },
      stepMilliseconds: 400,
    });
    for (const step of demoSteps()) expect(output).toContain(`--- ${step.title}\n`);
    expect(output).toContain(
      'created ConfigMap team-b/app-config from ConfigMap/platform/app-config',
    );
    expect(output).toContain(
      'skipped ConfigMap team-d/ca-bundle: the name is taken (not made by the replicator); not touching it',
    );
    expect(output).toContain(
      'created Secret team-e/db-credentials from Secret/platform/db-credentials',
    );
    expect(output).toContain(
      'deleted ConfigMap team-c/ca-bundle (copy of ConfigMap/platform/ca-bundle)',
    );
    // No screen control codes when the stream is not a terminal.
    expect(output).not.toContain('\u001b[');
  }, 60_000);

  it('should redraw a live view in place on a terminal and stop early when aborted', async () => {
    let output = '';
    const stop = new AbortController();
    const demo = runDemo({
      signal: stop.signal,
      terminal: { isTTY: true, write: (text: string) => (output += text) },
      stepMilliseconds: 60_000,
    });
    while (!output.includes('source')) await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort();
    await demo;
    expect(output).toContain('kube-cache replicator demo');
    expect(output).toMatch(/team-a +copy/);
    expect(output).toMatch(/team-d +· +· +foreign|team-d .*foreign/);
  });
});
