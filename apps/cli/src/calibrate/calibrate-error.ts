/** What `bss2 calibrate` refuses before calibrating: an option or a targets file it cannot use. */
export class CalibrateError extends Error {
  override readonly name = 'CalibrateError';
  constructor(
    readonly code: 'invalid-option' | 'invalid-targets-file',
    message: string,
  ) {
    super(message);
  }
}
