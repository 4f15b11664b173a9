import { createRequire } from 'node:module';

/** The version of this package, reported in status replies. */
export const REMOTE_PACKAGE_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
