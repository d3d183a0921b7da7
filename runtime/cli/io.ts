/** What a CLI command may touch: its output streams and the working directory (so tests can run commands in process). */
export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  cwd: string;
}
