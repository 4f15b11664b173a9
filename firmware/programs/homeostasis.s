# Homeostasis (reference §4.9: rate rules from the 8-bit spike counters): every period, each neuron's spike
# count is compared with the target and the weights of its input synapses move towards the target rate:
#   error = target − count;  Δw = 0 when |error| ≤ tolerance, else error · gain / 256 (at least ±1, at most ±63);
#   w ← clamp(w + Δw, 0, 63) for every input row; then the counter is reset.
# The period is timed with the time base (mftb, PPU cycles); the rule runs `iterations` times, then sleeps.
#
# Spike counters are read and reset over the omnibus (bit 31, §4.5): SpikeCounterRead of neuron (row, column)
# is at word 0x12_2800 (columns 0..127) or 0x12_A800 (128..255) + 4·(128·row + column mod 128), the reset
# 0x400 words above (§1.7, halco/haldls backend slots; firmware.test.ts checks these against libs/regs). The
# PPU addresses the omnibus in bytes: EA = 0x8000_0000 | 4·word.
#
# Mailbox at the top of internal memory (as in stdp.s).

        .equ mailbox, 0x3000
        .equ mailbox_period, mailbox + 0xfc0      # PPU cycles between updates (250 per µs)
        .equ mailbox_iterations, mailbox + 0xfc4  # number of updates before the core sleeps
        .equ mailbox_target, mailbox + 0xfc8      # target spike count per period
        .equ mailbox_tolerance, mailbox + 0xfcc   # |error| ≤ tolerance leaves the weight alone
        .equ mailbox_gain, mailbox + 0xfd0        # Δw = error · gain / 256
        .equ mailbox_neuron_row, mailbox + 0xfd4  # 0: the top hemisphere's neurons, 1: the bottom's
        .equ mailbox_first_column, mailbox + 0xfd8
        .equ mailbox_column_count, mailbox + 0xfdc
        .equ mailbox_first_row, mailbox + 0xfe0   # input synapse rows: first and count
        .equ mailbox_row_count, mailbox + 0xfe4
        .equ mailbox_done, mailbox + 0xfe8        # updates done so far (the PPU counts)

        .equ counter_read_west, 0x80480000 + 0xa000 # EA of SpikeCounterRead of neuron (0, 0): 0x12_2800 · 4
        .equ counter_east, 0x20000                # EA step from the west to the east block
        .equ counter_row, 0x800                   # EA step per neuron row (128 slots · 4 words · 4 bytes)
        .equ counter_reset, 0x1000                # EA step from a read to the reset register
        .equ deltas, 0x2000                       # 256 bytes: Δw per column, even columns then odd (§10.8 lanes)

        .text
        .global _start
_start:
        li r3, 0
        fxvsplatb v0, r3                          # zero
        li r3, 63
        fxvsplatb v9, r3                          # the largest weight
        lwz r28, mailbox_period(0)
        mftb r27
        add r27, r27, r28                         # first deadline

period:
        lwz r3, mailbox_done(0)
        lwz r4, mailbox_iterations(0)
        cmplw r3, r4
        bge done
wait_deadline:
        mftb r3
        subf r3, r27, r3
        cmpwi r3, 0
        blt wait_deadline
        add r27, r27, r28

        # Δw of every column starts at 0.
        li r5, deltas
        li r6, 128
        fxvstax v0, 0, r5
        fxvstax v0, r5, r6

        lwz r20, mailbox_target(0)
        lwz r21, mailbox_tolerance(0)
        lwz r22, mailbox_gain(0)
        lwz r23, mailbox_neuron_row(0)
        mulli r23, r23, counter_row
        lwz r24, mailbox_first_column(0)
        lwz r25, mailbox_column_count(0)
        mtctr r25
column:
        # r7 ← EA of the counter of column r24
        lis r7, counter_read_west@h
        ori r7, r7, counter_read_west@l
        add r7, r7, r23
        cmplwi r24, 128
        blt west
        addis r7, r7, counter_east@h
west:
        clrlwi r8, r24, 25                        # column mod 128
        slwi r8, r8, 4                            # · 16 bytes per slot
        add r7, r7, r8
        lwz r9, 0(r7)
        clrlwi r9, r9, 24                         # count (bits 0..7; bit 8 is the overflow flag)
        addi r10, r7, counter_reset
        stw r9, 0(r10)                            # any write resets the counter

        subf r11, r9, r20                         # error = target − count
        li r12, 0
        neg r13, r21
        cmpw r11, r13
        blt outside                               # error < −tolerance
        cmpw r11, r21
        ble store_delta                           # |error| ≤ tolerance: Δw = 0
outside:
        mullw r12, r11, r22
        srawi r12, r12, 8                         # error · gain / 256,
        addze r12, r12                            # rounded towards zero
        cmpwi r12, 63
        ble not_too_large
        li r12, 63                                # |Δw| ≤ 63 keeps w + Δw inside a signed byte
not_too_large:
        cmpwi r12, -63
        bge not_too_small
        li r12, -63
not_too_small:
        cmpwi r12, 0
        bne store_delta
        li r12, 1                                 # a zero step outside the tolerance becomes ±1
        cmpwi r11, 0
        bgt store_delta
        li r12, -1
store_delta:
        # byte (column & 1) · 128 + column / 2 of the Δw table
        clrlwi r13, r24, 31
        slwi r13, r13, 7
        srwi r14, r24, 1
        add r13, r13, r14
        stb r12, deltas(r13)
        addi r24, r24, 1
        bdnz column

        # w ← clamp(w + Δw, 0, 63) on every input row, even and odd halves.
        lwz r15, mailbox_first_row(0)
        slwi r15, r15, 1
        lwz r16, mailbox_row_count(0)
        li r17, deltas
        li r18, 128
row:
        fxvlax v1, 0, r17
        fxvinx v2, 0, r15
        fxvaddbm v2, v2, v1
        fxvcmpb v2
        fxvsel v2, v2, v0, 2                      # negative → 0
        fxvsubbm v3, v2, v9
        fxvcmpb v3
        fxvsel v2, v2, v9, 1                      # above 63 → 63
        fxvoutx v2, 0, r15
        addi r15, r15, 1
        fxvlax v1, r17, r18
        fxvinx v2, 0, r15
        fxvaddbm v2, v2, v1
        fxvcmpb v2
        fxvsel v2, v2, v0, 2
        fxvsubbm v3, v2, v9
        fxvcmpb v3
        fxvsel v2, v2, v9, 1
        fxvoutx v2, 0, r15
        addi r15, r15, 1
        addi r16, r16, -1
        cmpwi r16, 0
        bgt row

        lwz r3, mailbox_done(0)
        addi r3, r3, 1
        stw r3, mailbox_done(0)
        b period
done:
        wait
