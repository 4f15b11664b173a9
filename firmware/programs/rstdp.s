# Reward-modulated STDP (R-STDP): the STDP correlation of each synapse is an eligibility trace, and the host's
# reward, passed through the mailbox after each trial, decides the sign and size of the weight change:
#   e = (causal − offset_c) − (acausal − offset_a),  read >> 1 as in stdp.s (§4.10);
#   Δw = e · factor/128 · reward/128 (fractional multiplies, saturating);  w ← clamp(w + Δw, 0, 63);
# then the correlation is reset, so each trial starts a fresh eligibility trace. Reward is a signed byte
# (−128..127, i.e. −1 .. +0.99).
#
# Mailbox as in stdp.s (command at mailbox + 0xff0: wait 0, update 1, stop 2; factor at + 0xff4), plus the
# reward at + 0xff8.

        .equ mailbox, 0x3000
        .equ mailbox_command, mailbox + 0xff0
        .equ mailbox_factor, mailbox + 0xff4
        .equ mailbox_reward, mailbox + 0xff8     # signed byte: the trial's reward
        .equ mailbox_first_row, mailbox + 0xfe8
        .equ mailbox_row_count, mailbox + 0xfec
        .equ mailbox_updates, mailbox + 0xfe4
        .equ command_wait, 0
        .equ command_update, 1
        .equ command_stop, 2

        .equ causal_io, 0x8
        .equ acausal_io, 0xc
        .equ offsets, 0x4000

        .text
        .global _start
_start:
        li r3, 3
        fxvsplatb v3, r3                        # the correlation reset byte
        li r3, 0
        fxvsplatb v0, r3
        lis r20, causal_io
        lis r21, acausal_io
        lis r24, offsets
        li r25, 128
        lwz r22, mailbox_first_row(0)
        slwi r22, r22, 1
        lwz r23, mailbox_row_count(0)
        slwi r23, r23, 1

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
        lwz r3, mailbox_reward(0)
        fxvsplatb v8, r3
        mr r4, r22
        mr r5, r24
        mtctr r23
vector:
        fxvinx v1, r20, r4
        fxvinx v2, r21, r4
        fxvshb v1, v1, -1
        fxvshb v2, v2, -1
        fxvoutx v3, r20, r4
        fxvlax v4, 0, r5
        fxvlax v5, r5, r25
        fxvsubbfs v1, v1, v4
        fxvsubbfs v2, v2, v5
        fxvsubbfs v5, v1, v2                    # eligibility
        fxvmulbfs v5, v5, v6                    # · factor / 128
        fxvmulbfs v5, v5, v8                    # · reward / 128
        fxvinx v7, 0, r4
        fxvshb v7, v7, 1
        fxvaddbfs v7, v7, v5
        fxvcmpb v7
        fxvsel v7, v7, v0, 2
        fxvshb v7, v7, -1
        fxvoutx v7, 0, r4
        addi r5, r5, 256
        addi r4, r4, 1
        bdnz vector

        lwz r3, mailbox_updates(0)
        addi r3, r3, 1
        stw r3, mailbox_updates(0)
        b poll
