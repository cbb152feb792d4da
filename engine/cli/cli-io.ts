/** Where commands write; the process's streams in `main.ts`, buffers in specs. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal: live progress redraws one line there. */
  readonly errIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') || text.endsWith('\r') ? text : `${text}\n`),
  errIsTTY: process.stderr.isTTY === true,
  env: process.env,
};
