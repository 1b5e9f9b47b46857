#!/usr/bin/env node
'use strict';
/**
 * hadolint is a Haskell binary that neither npm nor Debian offers here, so the Dockerfiles are linted with
 * dockerfile-utils (the validator behind the Docker language server): unknown instructions and flags,
 * malformed arguments, ports, HEALTHCHECK and ENTRYPOINT forms. `npm run lint` runs it.
 */
const { readFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { validate } = require('dockerfile-utils');

const ROOT = join(__dirname, '..');
const DOCKERFILES = [join(ROOT, 'docker', 'Dockerfile')];

/** The problems of one Dockerfile's text, as "line N: message". */
function problemsOf(text) {
  return validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

module.exports = { problemsOf, DOCKERFILES };

if (require.main === module) {
  let failed = false;
  for (const file of DOCKERFILES) {
    for (const problem of problemsOf(readFileSync(file, 'utf8'))) {
      failed = true;
      console.error(`${relative(ROOT, file)} ${problem}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
