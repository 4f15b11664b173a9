# CADC membrane recorder: samples the membranes of all 256 neurons of the PPU's hemisphere every `period`
# PPU cycles and stores them in external memory, as hxtorch records membranes for training (§3.1, §4.9).
#
# The columns must route the neuron readout to the causal CADC channels (ColumnCorrelationQuad
# enableCadcNeuronReadoutCausal, §3.1); a causal CADC read of synapse vector 0 (even columns) and 1 (odd
# columns) then converts the membranes (a neuron channel does not depend on the row, §4.5). Each sample takes
# two conversions (2 × 540 ns, §10.8).
#
# Output, from the addresses in the mailbox (data addresses: external SRAM at 0x4000_0000, §4.6):
#   times:   one word per sample: PPU cycles from the recorder's start (its first instruction, the cycle the
#            core was released from reset) to the sample's first conversion (the even columns; the odd
#            columns are converted 135 cycles later);
#   samples: 256 bytes per sample, even columns (column 2k at byte k) then odd columns (2k + 1 at 128 + k).

        .equ mailbox, 0x3000
        .equ mailbox_period, mailbox + 0xfc0      # PPU cycles between samples (250 per µs; ≥ ~510 to SRAM, §10.8)
        .equ mailbox_samples, mailbox + 0xfc4     # number of samples
        .equ mailbox_samples_at, mailbox + 0xfc8  # data address of the sample bytes (word-aligned)
        .equ mailbox_times_at, mailbox + 0xfcc    # data address of the timestamps
        .equ mailbox_done, mailbox + 0xfe8        # samples taken so far

        .equ causal_io, 0x8                       # causal CADC vector I/O base >> 16 (§4.5)

        .text
        .global _start
_start:
        mftb r29                                  # the recorder's start: its first instruction
        lwz r20, mailbox_period(0)
        lwz r21, mailbox_samples(0)
        lwz r22, mailbox_samples_at(0)
        lwz r23, mailbox_times_at(0)
        lis r25, causal_io
        li r24, 128
        li r26, 0                                 # synapse vector 0: even columns
        li r28, 1                                 # synapse vector 1: odd columns
        cmpwi r21, 0
        beq done
        mtctr r21
        mr r27, r29                               # the first sample is due at once
sample:
        mftb r3
        subf r4, r27, r3
        cmpwi r4, 0
        blt sample
        mftb r3
        fxvinx v1, r25, r26                       # converts one cycle after that mftb
        fxvinx v2, r25, r28
        subf r3, r29, r3
        addi r3, r3, 1
        stw r3, 0(r23)
        fxvstax v1, 0, r22
        fxvstax v2, r22, r24
        addi r22, r22, 256
        addi r23, r23, 4
        add r27, r27, r20
        lwz r3, mailbox_done(0)
        addi r3, r3, 1
        stw r3, mailbox_done(0)
        bdnz sample
done:
        wait
