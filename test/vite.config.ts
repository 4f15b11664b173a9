import { workspaceTestConfig } from './support/vitest-preset.js';

// Cross-lib tests start Nx and build whole programs: give them time.
export default workspaceTestConfig();
