"""802.2 SNAP: the Cisco protocols (DTP, UDLD, VTP), RFC 2684 bridged
Ethernet and BPDUs, and SNAP headers nobody dissects (printed with the addresses without -e)."""
import struct

from .l2 import llc_frame

D = bytes([0x01, 0x00, 0x0C, 0xCC, 0xCC, 0xCC])
SRC2 = bytes([0x00, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E])


def snap(oui, pid, payload):
    return b"\xAA\xAA\x03" + struct.pack("!I", oui)[1:] + struct.pack("!H", pid) + payload


def tlv(t, v):
    return struct.pack("!HH", t, len(v) + 4) + v


def vtp_hdr(code, third, domain=b"lab", ver=1):
    return bytes([ver, code, third, len(domain)]) + domain.ljust(32, b"\0")


def vlan(vid, name, tlvs=b"", status=0, vtype=1):
    padded = name.ljust(4 * ((len(name) + 3) // 4), b"\0")
    body = bytes([status, vtype, len(name)]) + struct.pack("!HHI", vid, 1500, 100000 + vid) + padded + tlvs
    return bytes([len(body) + 1]) + body


def vtp():
    summary = vtp_hdr(1, 1) + struct.pack("!I", 0x2a) + bytes([10, 0, 0, 5]) + b"930301000000" + bytes(range(16))
    tlvs = (b"\x03\x01\x00\x02" + b"\x06\x01\x00\x01" + b"\x07\x01\x00\x01" + b"\x09\x01\x00\x07" +
            b"\x0a\x01\x00\x00" + b"\x01\x01\x00\x05" + b"\x0b\x01\x00\x05")
    subset = vtp_hdr(2, 1) + struct.pack("!I", 0x2a) + vlan(1, b"default") + vlan(100, b"voice", tlvs, status=1, vtype=2)
    return [
        summary,
        subset,
        vtp_hdr(2, 2) + struct.pack("!I", 1) + vlan(5, b"x", b"\x03\x02\x00\x01\x00\x02"),
        vtp_hdr(2, 2) + struct.pack("!I", 1) + vlan(5, b"x", b"\x03\x05\x00\x01"),
        vtp_hdr(2, 2) + struct.pack("!I", 1) + vlan(5, b"x", b"\x03"),
        vtp_hdr(2, 2) + struct.pack("!I", 1) + b"\x08\x00\x01\x01\x00\x05\x05\xdc",
        vtp_hdr(2, 2) + struct.pack("!I", 1) + b"\x10\x00\x01\x09\x00\x05\x05\xdc\x00\x00\x00\x01abcd",
        vtp_hdr(2, 2) + struct.pack("!I", 1) + b"\x00",
        vtp_hdr(3, 0) + struct.pack("!I", 7),
        vtp_hdr(4, 0) + bytes(8),
        vtp_hdr(9, 0) + bytes(8),
        vtp_hdr(1, 1, domain=b"") + bytes(40),
        vtp_hdr(1, 1, domain=b"x" * 40)[:36] + bytes(40),
        vtp_hdr(1, 1) + bytes(10),
        vtp_hdr(1, 1)[:20],
    ]


def frames():
    dtp = b"\x01" + tlv(1, b"domain\x00") + tlv(2, b"\x81") + tlv(3, b"\xa5") + tlv(4, SRC2) + tlv(9, b"xy")
    udld = (b"\x21\x03" + b"\x12\x34" + tlv(1, b"FOC1234X") + tlv(2, b"Gi0/1") + tlv(3, b"\x00\x00\x00\x01ab") +
            tlv(4, b"\x07") + tlv(5, b"\x05") + tlv(6, b"switch") + tlv(7, struct.pack("!I", 99)) + tlv(8, b"zz"))
    bodies = [
        snap(0x0C, 0x2004, dtp),
        snap(0x0C, 0x2004, b"\x01" + tlv(2, b"\x81\x00")),
        snap(0x0C, 0x2004, b"\x01" + tlv(4, SRC2[:5])),
        snap(0x0C, 0x2004, b"\x01" + b"\x00\x01\x00\x02"),
        snap(0x0C, 0x2004, b"\x01" + b"\x00\x01\x00\x30"),
        snap(0x0C, 0x2004, b"\x01\x00\x01"),
        snap(0x0C, 0x2004, b"\x01" + b"\x00\x00\x00\x08abcd"),
        snap(0x0C, 0x2004, b""),
        snap(0x0C, 0x0111, udld),
        snap(0x0C, 0x0111, b"\x42\x40" + b"\x00\x00" + tlv(4, b"\x07\x08")),
        snap(0x0C, 0x0111, b"\x21\x00\x00\x00" + b"\x00\x01\x00\x04"),
        snap(0x0C, 0x0111, b"\x21\x00\x00\x00" + b"\x00\x01\x00\x30ab"),
        snap(0x0C, 0x0111, b"\x21\x00\x00\x00" + b"\x00\x01"),
        snap(0x0C, 0x0111, b"\x21\x00\x00\x00" + tlv(7, b"\x01")),
        snap(0x0C, 0x0111, b"\x21"),
        snap(0x0C, 0x1234, b"unknown cisco pid"),
    ] + [snap(0x0C, 0x2003, v) for v in vtp()] + [
        snap(0x0080C2, 0x0007, b"\x00\x00" + bytes(D) + SRC2 + b"\x08\x06" + bytes(28)),
        snap(0x0080C2, 0x0001, b"\x00\x00" + bytes(D) + SRC2 + b"\x88\xb5" + b"payload" + b"FCS!"),
        snap(0x0080C2, 0x0007, b"\x00"),
        snap(0x0080C2, 0x000E, struct.pack("!HBBB", 0, 0, 0x80, 0)),
        snap(0x0080C2, 0x000B, bytes(10)),
        snap(0x000000, 0x88B5, b"local experimental ethertype"),
        snap(0x00005E, 0x0001, b"iana"),
        snap(0x0000F8, 0x88B5, b"cisco bridged"),
        snap(0x080007, 0x80F3, b"aarp"),
        snap(0x123456, 0x0800, b"unknown oui"),
        b"\xAA\xAA\x03\x00\x00",
    ]
    return [llc_frame(D, b) for b in bodies]


def cut_frames():
    f = frames()
    return [f[0], f[8], f[16], f[17]]


CUT_STEP = 4
