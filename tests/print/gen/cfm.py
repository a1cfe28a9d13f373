"""802.1ag CFM: continuity checks (every interval, RDI, MD/MA name formats, names too long), loopback,
linktrace message and reply, the TLVs (port/interface status, sender id with chassis ids and management
addresses, organisation specific, data, unknown), and malformed headers and offsets."""
import struct

from .l2 import eth

DST = bytes([0x01, 0x80, 0xC2, 0, 0, 0x35])
MAC = bytes([0x00, 0x1B, 0x21, 0x0A, 0x0B, 0x0C])


def hdr(level, opcode, flags, offset, ver=0):
    return bytes([level << 5 | ver, opcode, flags, offset])


def tlv(t, v):
    return bytes([t]) + struct.pack("!H", len(v)) + v


def names(md_fmt, md, ma_fmt, ma):
    n = bytes([md_fmt]) + (b"" if md_fmt == 1 else bytes([len(md)]) + md) + bytes([ma_fmt, len(ma)]) + ma
    return n.ljust(48, b"\0")[:48]


def ccm(flags, md_fmt=4, md=b"domain", ma_fmt=2, ma=b"assoc", tlvs=b"", level=5):
    body = struct.pack("!IH", 0x1234, 0x0101) + names(md_fmt, md, ma_fmt, ma) + bytes(16)
    return hdr(level, 1, flags, 70) + body + tlvs + b"\x00"


def sender(chassis_len, chassis_type, chassis, rest=b""):
    v = bytes([chassis_len]) + (bytes([chassis_type]) + chassis if chassis_len else b"") + rest
    return tlv(1, v)


def frames():
    status = tlv(2, b"\x02") + tlv(3, b"\x01") + tlv(3, b"\x09")
    mgmt = b"\x03\x2b\x06\x01\x04\x0a\x00\x00\x01"
    bodies = [ccm(i | (0x80 if i == 3 else 0), tlvs=status if i == 1 else b"") for i in range(8)]
    bodies += [
        ccm(4, md_fmt=1, ma_fmt=3, ma=b"\x00\x07"),
        ccm(4, md_fmt=2, md=b"example.com", ma_fmt=1, ma=b"\x00\x64"),
        ccm(4, md_fmt=3, md=MAC + b"\x00\x01", ma_fmt=4, ma=b"\x00\x00\x01\x00\x00\x02\x03"),
        ccm(4, md_fmt=3, md=MAC, ma_fmt=0, ma=b"x"),
        ccm(4, md_fmt=0, md=b"\x01\x02", ma_fmt=9, ma=b"yy"),
        hdr(5, 1, 4, 70) + struct.pack("!IH", 1, 2) + bytes([4, 44]) + bytes(62) + b"\x00",  # MD name too long
        hdr(5, 1, 4, 70) + struct.pack("!IH", 1, 2) + bytes([1, 2, 47]) + bytes(61) + b"\x00",  # MA name too long
        hdr(3, 3, 0, 4) + struct.pack("!I", 77) + tlv(4, b"payload-data") + b"\x00",
        hdr(3, 2, 0, 4) + struct.pack("!I", 77) + tlv(4, b"payload-data") + tlv(31, b"\x00\x00\x0c\x01\xaa") + b"\x00",
        hdr(4, 5, 0x80, 17) + struct.pack("!IB", 0xABCD, 64) + MAC + bytes([0, 1, 2, 3, 4, 5]) +
        tlv(7, b"\x01") + b"\x00",
        hdr(4, 4, 0x60, 6) + struct.pack("!IBB", 0xABCD, 63, 2) +
        tlv(5, b"\x01" + MAC) + tlv(6, b"\x02" + MAC) + b"\x00",
        hdr(4, 4, 0x00, 6) + struct.pack("!IBB", 1, 1, 9) + b"\x00",
        hdr(2, 3, 0, 4) + struct.pack("!I", 1) +
        sender(6, 4, MAC, mgmt) + sender(5, 5, b"\x01\x0a\x01\x02\x03") + sender(17, 5, b"\x02" + bytes(range(16))) +
        sender(3, 5, b"\x01\x0a\x01") + sender(3, 5, b"\x02\x0a\x01") + sender(2, 5, b"\x09\x01") +
        sender(1, 5, b"") + sender(4, 4, b"\x01\x02\x03\x04") + sender(5, 6, b"eth0/") + sender(3, 9, b"abc") +
        sender(0, 0, b"", b"\x02\x2b\x06") + sender(0, 0, b"", b"\x02\x2b\x06\x05") + tlv(1, b"") +
        sender(0, 0, b"") + b"\x00",
        hdr(2, 3, 0, 4) + struct.pack("!I", 1) + sender(9, 4, MAC) + tlv(4, b"zz") + b"\x00",  # chassis id too long
        hdr(2, 3, 0, 4) + struct.pack("!I", 1) + tlv(1, b"\x05") + tlv(4, b"zz") + b"\x00",
        hdr(2, 3, 0, 4) + struct.pack("!I", 1) + sender(0, 0, b"", b"\x05\x01") + b"\x00",
        hdr(2, 3, 0, 4) + struct.pack("!I", 1) + sender(0, 0, b"", b"\x01\x01\x05\x01") + b"\x00",
        hdr(2, 3, 0, 4) + struct.pack("!I", 1) + tlv(2, b"") + b"\x00",
        hdr(2, 3, 0, 4) + struct.pack("!I", 1) + tlv(3, b"") + b"\x00",
        hdr(2, 3, 0, 4) + struct.pack("!I", 1) + tlv(31, b"\x00\x01") + b"\x00",
        hdr(2, 3, 0, 4) + struct.pack("!I", 1) + b"\x04\x00\x30ab",  # TLV past the end
        hdr(2, 3, 0, 4) + struct.pack("!I", 1) + b"\x04\x00",  # TLV header cut
        hdr(2, 3, 0, 4) + struct.pack("!I", 1),  # no End TLV
        hdr(2, 7, 0, 0) + b"\x01\x02",
        hdr(5, 1, 0, 10) + bytes(20),  # CCM offset too small
        hdr(5, 5, 0, 10) + bytes(20),
        hdr(5, 4, 0, 2) + bytes(20),
        hdr(5, 1, 0, 70) + bytes(20),  # CCM shorter than its offset
        hdr(5, 1, 0, 90) + bytes(70),
        hdr(5, 1, 0, 0, ver=1),
        b"\x00\x01",
    ]
    return [eth(DST, 0x8902, b) for b in bodies]


def cut_frames():
    b = frames()
    return [b[3], b[20]]


CUT_STEP = 4
