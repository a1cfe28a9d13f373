"""AppleTalk ARP (ethertype 0x80f3, and in SNAP with the Ethernet OUI as Apple sends it): request,
response, probe, a broadcast node, other hardware/protocol types and ops, and short frames."""
import struct

from .l2 import eth, llc_frame

BC = bytes([0xFF] * 6)
MAC = bytes([0x08, 0x00, 0x07, 0x12, 0x34, 0x56])


def aarp(op, snet, snode, dnet, dnode, htype=1, ptype=0x809B, halen=6, palen=4):
    return (struct.pack("!HHBBH", htype, ptype, halen, palen, op) + MAC + struct.pack("!BHB", 0, snet, snode) +
            bytes(6) + struct.pack("!BHB", 0, dnet, dnode))


def frames():
    bodies = [aarp(1, 100, 5, 100, 9), aarp(2, 100, 9, 100, 5), aarp(3, 7, 255, 7, 255), aarp(4, 1, 2, 3, 4),
              aarp(1, 1, 2, 3, 4, htype=6), aarp(1, 1, 2, 3, 4, ptype=0x0800), aarp(1, 1, 2, 3, 4, palen=5),
              aarp(1, 1, 2, 3, 4)[:20]]
    out = [eth(BC, 0x80F3, b, src=MAC) for b in bodies]
    out.append(llc_frame(BC, b"\xAA\xAA\x03\x00\x00\x00\x80\xF3" + aarp(1, 100, 5, 100, 9), src=MAC))
    return out


def cut_frames():
    return frames()[:2]


CUT_STEP = 4
