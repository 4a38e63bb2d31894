#!/usr/bin/env node
import { main, processIo } from '../lib/cli';

main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
