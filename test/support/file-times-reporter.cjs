// Prints how long each test file took, slowest first, so the slow ones stay visible.
class FileTimesReporter {
  onRunComplete(_contexts, results) {
    const rows = results.testResults
      .map((r) => ({ file: r.testFilePath.replace(`${process.cwd()}/`, ''), seconds: (r.perfStats.end - r.perfStats.start) / 1000 }))
      .sort((a, b) => b.seconds - a.seconds);
    const total = rows.reduce((sum, r) => sum + r.seconds, 0);
    process.stderr.write(`\nTest files by time (${rows.length} files, ${total.toFixed(1)} s in workers):\n`);
    for (const r of rows) process.stderr.write(`  ${r.seconds.toFixed(1).padStart(6)} s  ${r.file}\n`);
  }
}
module.exports = FileTimesReporter;
