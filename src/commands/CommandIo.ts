/** What a command writes to, and the shape every command exports (`src/commands/<name>.ts`'s `run`). */
export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export type Command = (args: string[], io: CommandIo) => Promise<number>;
