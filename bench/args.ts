/** Command-line arguments of a benchmark: a required first path and `--name value` options. */
export function benchArgs(usage: string): { path: string; option: (name: string) => string | undefined } {
  const args = process.argv.slice(2);
  if (!args[0] || args[0].startsWith('--')) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return {
    path: args[0],
    option: (name) => {
      const i = args.indexOf(name);
      return i >= 0 ? args[i + 1] : undefined;
    },
  };
}
