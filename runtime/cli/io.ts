/** What a CLI command may touch: its output streams and the working directory (so tests can run commands in process). */
export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Resolves once stdout has room for more (absent: it always has), so a long output waits for its reader. */
  drained?: () => Promise<void>;
  cwd: string;
}
