/** What `bss2 train` refuses before training: an option value it cannot use. */
export class TrainError extends Error {
  override readonly name = 'TrainError';
  constructor(
    readonly code: 'invalid-option',
    message: string,
    /** The option (`--epochs`, `dataset`, …) and the value given. */
    readonly option: string,
    readonly value: string,
    /** The legal values or range, as text. */
    readonly range: string,
  ) {
    super(message);
  }
}
