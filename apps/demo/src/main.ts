// The demo's entry point: `pnpm demo` runs this file with tsx (no build step).
import { DEMO_USAGE, DemoUsageError, parseDemoOptions } from './demo-options';
import { runDemo } from './run-demo';

const interrupt = new AbortController();
process.on('SIGINT', () => {
  // The first Ctrl-C ends the live phase and verifies; a second one quits at once.
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});

try {
  const options = parseDemoOptions(process.argv.slice(2), process.env);
  if (options.help) {
    process.stdout.write(DEMO_USAGE);
  } else {
    process.exitCode = await runDemo(options, {
      stdout: process.stdout,
      interrupt: interrupt.signal,
    });
  }
} catch (error) {
  if (DemoUsageError.isInstance(error)) {
    process.stderr.write(`demo: ${error.message}\n\n${DEMO_USAGE}`);
    process.exitCode = 2;
  } else {
    process.stderr.write(
      `demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
