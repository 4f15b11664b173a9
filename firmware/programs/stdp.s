# STDP on the plasticity processor (reference §4.10, after libnux examples/stdp.cpp).
#
# Start: reset the correlation of the plastic rows and keep half of each synapse's first causal and acausal
# read as its baseline offset. Then poll the mailbox: on `update`, for every synapse vector of the rows,
#   causal, acausal ← CADC read >> 1, minus the offsets; reset the correlation;
#   Δw ← (causal − acausal) · factor/128 (fractional multiply, saturating);
#   w ← clamp(w + Δw, 0, 63), computed as (w << 1) + Δw with saturation, negatives set to 0, then >> 1.
# On `stop`, the core sleeps.
#
# Mailbox (twin convention, after libnux's 4 KiB mailbox at the top of the 16 KiB memory, §4.6): the command
# word at mailbox + 0xff0 and the factor at + 0xff4 as in §4.10; the rows and an update counter below them.
# The offsets need 256 bytes per synapse vector (up to 128 KiB), so they live in the external SRAM (§4.6).

        .equ mailbox, 0x3000
        .equ mailbox_command, mailbox + 0xff0   # host writes update (1) or stop (2); the PPU writes wait (0) back
        .equ mailbox_factor, mailbox + 0xff4    # 8-bit learning rate: Δw = (causal − acausal) · factor / 128
        .equ mailbox_first_row, mailbox + 0xfe8 # first plastic synapse row (0..255)
        .equ mailbox_row_count, mailbox + 0xfec # number of plastic rows (1..256 − first row)
        .equ mailbox_updates, mailbox + 0xfe4   # updates done so far (the PPU counts)
        .equ command_wait, 0
        .equ command_update, 1
        .equ command_stop, 2

        .equ causal_io, 0x8                     # vector I/O bases >> 16 (§4.5): causal CADC, acausal CADC
        .equ acausal_io, 0xc
        .equ offsets, 0x4000                    # external SRAM data alias 0x4000_0000 >> 16 (§4.6)

        .text
        .global _start
_start:
        li r3, 3
        fxvsplatb v3, r3                        # the correlation reset byte (§4.10 3.2)
        li r3, 0
        fxvsplatb v0, r3                        # zero, for the clamp
        lis r20, causal_io
        lis r21, acausal_io
        lis r24, offsets
        li r25, 128                             # acausal offset follows the causal one
        lwz r22, mailbox_first_row(0)
        slwi r22, r22, 1                        # first synapse vector: row · 2 (even, then odd columns)
        lwz r23, mailbox_row_count(0)
        slwi r23, r23, 1                        # synapse vectors to visit

        mr r4, r22
        mtctr r23
reset:
        fxvoutx v3, r20, r4
        addi r4, r4, 1
        bdnz reset

        mr r4, r22
        mr r5, r24
        mtctr r23
measure_offsets:
        fxvinx v1, r20, r4
        fxvinx v2, r21, r4
        fxvshb v1, v1, -1
        fxvshb v2, v2, -1
        fxvstax v1, 0, r5
        fxvstax v2, r5, r25
        addi r5, r5, 256
        addi r4, r4, 1
        bdnz measure_offsets

poll:
        lwz r3, mailbox_command(0)
        cmpwi r3, command_update
        beq update
        cmpwi r3, command_stop
        bne poll
        wait

update:
        li r3, command_wait
        stw r3, mailbox_command(0)
        lwz r3, mailbox_factor(0)
        fxvsplatb v6, r3
        mr r4, r22
        mr r5, r24
        mtctr r23
vector:
        fxvinx v1, r20, r4                      # causal
        fxvinx v2, r21, r4                      # acausal
        fxvshb v1, v1, -1
        fxvshb v2, v2, -1
        fxvoutx v3, r20, r4                     # correlation reset of this vector's synapses
        fxvlax v4, 0, r5
        fxvlax v5, r5, r25
        fxvsubbfs v1, v1, v4
        fxvsubbfs v2, v2, v5
        fxvsubbfs v5, v1, v2
        fxvmulbfs v5, v5, v6                    # Δw
        fxvinx v7, 0, r4                        # weights (base 0)
        fxvshb v7, v7, 1
        fxvaddbfs v7, v7, v5
        fxvcmpb v7
        fxvsel v7, v7, v0, 2                    # negative → 0 (condition LT)
        fxvshb v7, v7, -1
        fxvoutx v7, 0, r4
        addi r5, r5, 256
        addi r4, r4, 1
        bdnz vector

        lwz r3, mailbox_updates(0)
        addi r3, r3, 1
        stw r3, mailbox_updates(0)
        b poll
