#!/usr/bin/env node
// Runs kube-index from its TypeScript source, no build step needed (scripts/run-from-source.mjs).
import { runFromSource } from '../../../scripts/run-from-source.mjs';

runFromSource(new URL('../src/main.ts', import.meta.url), import.meta.resolve('tsx'));
