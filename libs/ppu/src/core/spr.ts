import { sprNumber } from '../isa/operands.js';

// The special-purpose registers of the scalar core that mfspr/mtspr reach (the instruction table's SPR list).

export const SPR_XER = sprNumber.xer;
export const SPR_LR = sprNumber.lr;
export const SPR_CTR = sprNumber.ctr;
