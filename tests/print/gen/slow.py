"""Slow protocols (ethertype 0x8809): LACP with actor/partner/collector TLVs, Marker and Marker
response, OAM Information / Event Notification / Loopback Control / other codes, and malformed TLV
lengths, versions and subtypes."""
import struct

from .l2 import eth

DST = bytes([0x01, 0x80, 0xC2, 0, 0, 0x02])
SYS = bytes([0x00, 0x1B, 0x21, 0x01, 0x02, 0x03])


def tlv(t, v, length=None):
    return bytes([t, len(v) + 2 if length is None else length]) + v


def actor(t, state):
    return tlv(t, struct.pack("!H", 32768) + SYS + struct.pack("!HHHB", 13, 255, 5, state) + bytes(3))


def lacp():
    body = (actor(1, 0x3D) + actor(2, 0xC2) + tlv(3, struct.pack("!H", 50) + bytes(12)) + tlv(0, b"") + bytes(50))
    return b"\x01\x01" + body


def marker(t=1):
    return b"\x02\x01" + tlv(t, struct.pack("!H", 7) + SYS + struct.pack("!I", 0xDEADBEEF) + bytes(2)) + tlv(0, b"") + bytes(90)


def oam_info():
    local = tlv(1, bytes([1]) + struct.pack("!HBBH", 2, 0x05, 0x1D, 0x05EE) + b"\x00\x12\x0f" + struct.pack("!I", 0x12345678))
    remote = tlv(2, bytes([1]) + struct.pack("!HBBH", 3, 0x02, 0x01, 0x0040) + b"\x00\x00\x0c" + struct.pack("!I", 1))
    org = tlv(0xFE, b"\x00\x12\x0f\x01\x02")
    return b"\x03" + struct.pack("!HB", 0x0050, 0) + local + remote + org + tlv(9, b"\xaa") + tlv(0, b"")


def event():
    ev = tlv(1, struct.pack("!HQQQQI", 12, 100, 5, 7, 1000, 3))
    return b"\x03" + struct.pack("!HBH", 0x0001, 1, 42) + ev + tlv(2, struct.pack("!HQQQQI", 1, 2, 3, 4, 5, 6)) + tlv(0xFE, b"\x00\x00\x0c\x09") + tlv(7, b"") + tlv(0, b"")


def frames():
    bodies = [
        lacp(),
        marker(),
        b"\x02\x01" + tlv(2, bytes(16)) + tlv(0, b""),  # marker response: an unknown TLV type
        oam_info(),
        event(),
        b"\x03" + struct.pack("!HBB", 0x0002, 4, 1),
        b"\x03" + struct.pack("!HBB", 0x0002, 4, 9),
        b"\x03" + struct.pack("!HB", 0, 2) + b"\x01\x00\x07",
        b"\x03" + struct.pack("!HB", 0, 3) + b"\x01\x00\x07\x02\xab",
        b"\x03" + struct.pack("!HB", 0, 0xFE) + b"\x00\x00\x0c\x01",
        b"\x03" + struct.pack("!HB", 0, 0x33),
        b"\x03" + struct.pack("!HB", 0, 4),  # loopback control without the command
        b"\x03" + struct.pack("!HB", 0, 1) + b"\x00",  # event without the full sequence number
        b"\x03" + struct.pack("!HB", 0, 0) + tlv(1, bytes(6)),  # info TLV of the wrong size
        b"\x03" + struct.pack("!HB", 0, 0) + b"\x01\x01",  # TLV length < 2
        b"\x03" + struct.pack("!HB", 0, 0) + b"\x01\x30\x00",  # TLV past the end
        b"\x03" + struct.pack("!HB", 0, 0) + b"\x01",
        b"\x03" + struct.pack("!HB", 0, 1) + b"\x00\x01" + tlv(1, bytes(10)) + b"\x01\x01",
        b"\x03\x00",
        b"\x01\x02" + bytes(20),  # LACP version 2
        b"\x02\x07",
        b"\x01\x01" + actor(1, 0)[:10],  # TLV longer than the PDU
        b"\x01\x01" + tlv(1, bytes(10)) + tlv(3, bytes(3)) + tlv(9, b"xyz") + b"\x01\x01",
        b"\x01\x01" + b"\x01",
        b"\x0a\x01\x02\x03",  # unknown subtype
    ]
    out = [eth(DST, 0x8809, b) for b in bodies]
    out += [eth(DST, 0x8809, b"\x01"), eth(DST, 0x8809, b"")]
    return out


def cut_frames():
    return [eth(DST, 0x8809, b) for b in (lacp()[:60], oam_info(), event()[:40])]


CUT_STEP = 3
