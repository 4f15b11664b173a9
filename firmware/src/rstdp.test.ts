import { PPUOnDLS, SynapseQuadColumnOnDLS, SynapseQuadOnDLS, SynapseRowOnSynram, SynramOnDLS } from '@bss2/coords';
import { TwinConnection } from '@bss2/chip';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { SynapseQuad } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { assembleFirmware } from './firmware-image.js';
import { loadPpuProgram, readPpuStatus, readPpuWord, startPpu, writePpuWord } from './ppu-program.js';
import { buildPairingNetwork, pairingEnd, pairingSpikes, PAIRING_COLUMNS } from './testing/pairing-network.js';
import { US } from './testing/bench-network.js';

// Test bench of programs/rstdp.s on the twin (issue 4 (d): reward-modulated STDP with the reward passed
// through the mailbox). The pairing network of the STDP bench (neurons 0..7 fire after the pre spikes, 8..15
// before them) runs three trials; after each, the host writes the trial's reward and asks for an update.
// Positive reward moves the weights like STDP, negative reward the other way, zero reward not at all.

const rstdp = assembleFirmware('rstdp');
const trialCycles = pairingEnd(0);

describe('firmware rstdp.s', () => {
  it('changes weights in the direction of reward × correlation, after every trial', async () => {
    const connection = new TwinConnection({ identity: 'firmware-rstdp', fidelity: 'ideal' });
    const builder = new PlaybackProgramBuilder();
    const network = buildPairingNetwork(builder, 32);
    loadPpuProgram(builder, PPUOnDLS.top, rstdp.image);
    writePpuWord(builder, PPUOnDLS.top, rstdp.symbol('mailbox_first_row'), network.plasticRow);
    writePpuWord(builder, PPUOnDLS.top, rstdp.symbol('mailbox_row_count'), 1);
    writePpuWord(builder, PPUOnDLS.top, rstdp.symbol('mailbox_factor'), 64);
    builder.timerReset();
    startPpu(builder, PPUOnDLS.top);

    const weights: ReturnType<typeof readRow>[] = [];
    const readRow = () =>
      Array.from({ length: 4 }, (_, quad) =>
        builder.read(SynapseQuad, SynapseQuadOnDLS.of(SynramOnDLS(0), SynapseRowOnSynram(network.plasticRow), SynapseQuadColumnOnDLS(quad))),
      );
    const rewards = [127, -128, 0];
    rewards.forEach((reward, trial) => {
      const start = trial * (trialCycles + 200 * US);
      const { labels, times } = pairingSpikes(network, start);
      builder.injectSpikes(labels, times);
      builder.waitUntil(start + trialCycles);
      writePpuWord(builder, PPUOnDLS.top, rstdp.symbol('mailbox_reward'), reward);
      writePpuWord(builder, PPUOnDLS.top, rstdp.symbol('mailbox_command'), rstdp.symbol('command_update'));
      builder.waitUntil(start + trialCycles + 100 * US);
      weights.push(readRow());
    });
    writePpuWord(builder, PPUOnDLS.top, rstdp.symbol('mailbox_command'), rstdp.symbol('command_stop'));
    builder.waitUntil(rewards.length * (trialCycles + 200 * US));
    const status = readPpuStatus(builder, PPUOnDLS.top);
    const updates = readPpuWord(builder, PPUOnDLS.top, rstdp.symbol('mailbox_updates'));
    await connection.run(builder.done());

    expect(status.get()).toEqual({ sleep: true, fault: 0 });
    expect(updates.get().value).toBe(rewards.length);
    const rows = weights.map((row) => row.flatMap((ticket) => ticket.get().weights));
    const [rewarded, punished, neutral] = rows as [number[], number[], number[]];
    for (const c of PAIRING_COLUMNS.causal) {
      expect(rewarded[c]).toBeGreaterThan(32 + 5);
      expect(punished[c]).toBeLessThan(rewarded[c]! - 5);
      expect(neutral[c]).toBe(punished[c]);
    }
    for (const c of PAIRING_COLUMNS.acausal) {
      expect(rewarded[c]).toBeLessThan(32 - 5);
      expect(punished[c]).toBeGreaterThan(rewarded[c]! + 5);
      expect(neutral[c]).toBe(punished[c]);
    }
    await connection.close();
  });
});
