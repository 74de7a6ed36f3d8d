// Preloaded (node --import) into a measured node process when /usr/bin/time is missing:
// at exit, writes the process's own peak RSS and CPU time to $BENCH_PROBE_FILE as JSON.
import fs from 'node:fs';

const target = process.env.BENCH_PROBE_FILE;
if (target) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(
      target,
      JSON.stringify({
        maxRssKB: u.maxRSS,
        userS: u.userCPUTime / 1e6,
        sysS: u.systemCPUTime / 1e6,
      }),
    );
  });
}
