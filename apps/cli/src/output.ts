import type { Writable } from 'node:stream';
import type { Language } from '@sakip/application/lean';

export interface Bilingual {
  readonly id: string;
  readonly en: string;
}

const NUMBER_LOCALE: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

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

  /** A number as the reader writes it: "97,09" and "1.234,5" in Indonesian, "97.09" and "1,234.5" in English. */
  number(value: number, fractionDigits = 2): string {
    return new Intl.NumberFormat(NUMBER_LOCALE[this.language], {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    }).format(value);
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
