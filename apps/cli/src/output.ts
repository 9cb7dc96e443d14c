import type { Writable } from 'node:stream';
import type { Language } from '@sakip/application';

export interface Bilingual {
  readonly id: string;
  readonly en: string;
}

/** Where the CLI writes: results to stdout, progress and problems to stderr, in the user's language. */
export class Output {
  constructor(
    readonly stdout: Writable & { isTTY?: boolean; columns?: number },
    readonly stderr: Writable & { isTTY?: boolean },
    readonly language: Language,
  ) {}

  t(message: Bilingual): string {
    return message[this.language];
  }

  line(text = ''): void {
    this.stdout.write(`${text}\n`);
  }

  say(message: Bilingual): void {
    this.line(this.t(message));
  }

  error(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  warn(message: Bilingual): void {
    this.error(this.t(message));
  }

  get interactive(): boolean {
    return Boolean(this.stderr.isTTY);
  }
}
