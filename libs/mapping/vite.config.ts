import { workspaceTestConfig } from '../../test/support/vitest-preset.js';

export default workspaceTestConfig();
