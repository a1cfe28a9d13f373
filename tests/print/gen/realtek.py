"""Realtek switch protocols (ethertype 0x8899): RRCP hello query and reply, get and set, an unknown
opcode, REP, RLDP (both codes), the DSA tags and an unknown type."""
import struct

from .l2 import eth

BC = bytes([0xFF] * 6)
UPLINK = bytes([0x00, 0xE0, 0x4C, 0x12, 0x34, 0x56])


def frames():
    bodies = [
        b"\x01\x00\x23\x79" + bytes(40),
        b"\x01\x80\x23\x79\x03\x07" + UPLINK + struct.pack("!HI", 0x8316, 0x0000000A) + bytes(30),
        b"\x01\x01\x23\x79" + struct.pack("<HI", 0x0200, 0xDEADBEEF) + struct.pack("!II", 1, 2) + bytes(20),
        b"\x01\x82\x23\x79" + struct.pack("<HI", 0x0300, 7) + struct.pack("!II", 3, 4) + bytes(20),
        b"\x01\x05\x23\x79" + bytes(20),
        b"\x02" + bytes(40), b"\x03" + bytes(40), b"\x23" + bytes(40), b"\x04" + bytes(10),
        b"\x95" + bytes(10), b"\xa1" + bytes(10), b"\x77" + bytes(10),
        b"\x01\x80\x23\x79\x03\x07" + UPLINK[:3],
    ]
    return [eth(BC, 0x8899, b, src=UPLINK) for b in bodies]


def cut_frames():
    return frames()[1:3]


CUT_STEP = 3
