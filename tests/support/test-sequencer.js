// Longest first, even on a fresh clone: jest orders by the durations it cached on an earlier run, and without
// them by file size, which put the browser suites (a minute or more each, every-page five) last, so the run
// ended with one worker finishing them while the others sat idle.
const Sequencer = require('@jest/test-sequencer').default;

const rank = (path) => (path.includes('/tests/web/every-page.') ? 0 : path.includes('/tests/web/') ? 1 : path.includes('/tests/e2e/') ? 2 : 3);

class LongestFirst extends Sequencer {
  sort(tests) {
    // Array.prototype.sort is stable: within a rank, jest's own order (cached durations, else size) stays
    return super.sort(tests).sort((a, b) => rank(a.path) - rank(b.path));
  }
}

module.exports = LongestFirst;
