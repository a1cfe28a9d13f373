"""LLDP frames: every base TLV and subtype, the IEEE 802.1 / 802.3 / TIA LLDP-MED / IANA / DCBX
organisation TLVs print-lldp.c decodes, unknown ones, and malformed lengths."""
import struct

from .l2 import eth

DST = bytes([0x01, 0x80, 0xC2, 0, 0, 0x0E])


def tlv(t, v):
    return struct.pack("!H", t << 9 | len(v)) + v


def org(oui, sub, v):
    return tlv(127, struct.pack("!I", oui << 8 | sub) + v)


END = tlv(0, b"")
MAC = bytes([0x00, 0x1B, 0x21, 0xAA, 0xBB, 0xCC])


def base():
    return (tlv(1, b"\x04" + MAC) + tlv(2, b"\x05eth0/1") + tlv(3, struct.pack("!H", 120)) +
            tlv(4, b"Uplink to core\x00junk") + tlv(5, b"switch-1.example") +
            tlv(6, b"Linux 6.1 \x01\x7f\xc3 x86_64") + tlv(7, struct.pack("!HH", 0x0014, 0x0010)) +
            tlv(8, b"\x05\x01\x0a\x00\x00\x01\x02\x00\x00\x00\x07\x05\x2b\x06\x01\x02\x01"))


def ieee8021():
    d = b""
    d += org(0x0080C2, 1, struct.pack("!H", 100))
    d += org(0x0080C2, 2, b"\x06" + struct.pack("!H", 200))
    d += org(0x0080C2, 3, struct.pack("!H", 300) + b"\x05voice")
    d += org(0x0080C2, 4, b"\x04\x88\x8e\x01\x00")
    d += org(0x0080C2, 7, b"\x03" + struct.pack("!I", 42))
    d += org(0x0080C2, 8, b"\xa5\x0f")
    d += org(0x0080C2, 9, b"\xc3" + bytes([0x01, 0x23, 0x45, 0x67]) + bytes([10, 20, 30, 40, 0, 0, 0, 0]) + bytes([2, 2, 0, 0, 0, 0, 0, 255]))
    d += org(0x0080C2, 10, b"\x00" + bytes([0x76, 0x54, 0x32, 0x10]) + bytes([50, 50, 0, 0, 0, 0, 0, 0]) + bytes(8))
    d += org(0x0080C2, 11, b"\xd8\x09")
    d += org(0x0080C2, 12, b"\x00" + b"\x61\x0c\xbc" + b"\x83\x00\x35")
    d += org(0x0080C2, 13, b"\x07\x0d\x2a\xc5\x9f")
    d += org(0x0080C2, 14, b"\x88\x00\x01\x23" + b"\x00\x10\x01" + b"\x00\x20\x02")
    d += org(0x0080C2, 99, b"\x01\x02")
    return d


def ieee8021_bad():
    return (org(0x0080C2, 1, b"\x01") + org(0x0080C2, 3, struct.pack("!H", 5) + b"\x09ab") +
            org(0x0080C2, 12, b"\x00\x01\x02") + org(0x0080C2, 14, b"\x88\x00\x01\x23\x00") +
            org(0x0080C2, 9, b"\x00" * 5) + tlv(127, b"\x00\x80\xc2"))


def ieee8023():
    return (org(0x00120F, 1, b"\x03\x6c\x01\x00\x10") + org(0x00120F, 1, b"\x00\x00\x00\x03\xe8") +
            org(0x00120F, 2, b"\x0f\x01\x03") + org(0x00120F, 2, b"\x00\x07\x09") +
            org(0x00120F, 3, b"\x01" + struct.pack("!I", 7)) + org(0x00120F, 4, struct.pack("!H", 9216)) +
            org(0x00120F, 5, b"\x01\x02\x03") + org(0x00120F, 4, b"\x05"))


def tia():
    d = org(0x0012BB, 1, b"\x00\x33\x03") + org(0x0012BB, 1, b"\x00\x00\x09")
    d += org(0x0012BB, 2, b"\x01\x40\xc8\xae") + org(0x0012BB, 2, b"\x09\xa1\x02\x3f")
    coord = bytes([0x81, 0x23, 0x45, 0x67, 0x89, 0x42, 0x11, 0x22, 0x33, 0x44, 0x12, 0x34, 0x56, 0x78, 0x9a, 0x02])
    d += org(0x0012BB, 3, b"\x01" + coord)
    civic = b"\x02" + b"US" + b"\x01\x02CA" + b"\x03\x08Berkeley" + b"\x06\x04Main"
    d += org(0x0012BB, 3, b"\x02" + bytes([len(civic)]) + civic)
    d += org(0x0012BB, 3, b"\x02" + bytes([9]) + b"\x01" + b"DE" + b"\x00\x02ab" + b"zz")
    d += org(0x0012BB, 3, b"\x03" + b"5551234567")
    d += org(0x0012BB, 3, b"\x07" + b"\x01\x02\x03")
    d += org(0x0012BB, 4, b"\x52\x00\x99") + org(0x0012BB, 4, b"\x63\x04\x10")
    for sub in range(5, 12):
        d += org(0x0012BB, sub, b"rev-%d" % sub)
    d += org(0x0012BB, 12, b"\x00")
    return d


def iana_dcbx():
    d = org(0x00005E, 1, b"https://example.com/mud")
    d += org(0x00005E, 2, b"\x01\x02\x03\x04")
    d += org(0x00005E, 1, b"ab")  # too short to decode
    ctrl = tlv(1, b"\x00\x00" + struct.pack("!II", 5, 6))
    pg = tlv(2, b"\x00\x00\xa0\x00" + struct.pack("!I", 0x01234567) + bytes([12, 13, 25, 0, 0, 0, 50, 0]) + b"\x08")
    pfc = tlv(3, b"\x00\x00\xe0\x00\x08\x08")
    app = tlv(4, b"\x00\x00\x80\x00" + b"\x89\x06\x40\x1b\x21\x08" + b"\x0c\xbc\x00\x00\x00\x10")
    unk = tlv(9, b"\x01\x02")
    d += org(0x001B21, 2, ctrl + pg + pfc + app + unk)
    d += org(0x001B21, 1, b"\x01\x02\x03")
    d += org(0x001B21, 2, tlv(1, b"\x00\x00") + tlv(2, bytes(17)))
    d += org(0x001B21, 2, tlv(2, bytes(30)))
    d += org(0x00000C, 1, b"\x01\x02") + org(0x00A03E, 9, b"")
    return d


def ids():
    """Every chassis and port id subtype, the network-address forms and the unknown ones."""
    d = b""
    for sub in range(0, 9):
        if sub == 4:
            v = MAC
        elif sub == 5:
            v = b"\x02" + bytes(range(16))
        else:
            v = b"id-%d" % sub
        d += tlv(1, bytes([sub]) + v)
    for sub in range(0, 9):
        if sub == 3:
            v = MAC
        elif sub == 4:
            v = b"\x06" + MAC
        else:
            v = b"port-%d" % sub
        d += tlv(2, bytes([sub]) + v)
    d += tlv(2, b"\x04\x0b\x01\x02\x03")  # an address family without a printer
    d += tlv(8, b"\x11\x02" + bytes(range(16)) + b"\x03\x00\x00\x01\x00\x00")
    d += tlv(8, b"\x07\x06" + MAC + b"\x09\x00\x00\x00\x01")  # unknown numbering, no OID
    d += tlv(9, b"unknown tlv type") + tlv(3, b"\x00\x3c\x00")
    return d


def frames():
    bodies = [
        base() + END,
        base() + ieee8021() + END,
        base() + ieee8021_bad() + END,
        base() + ieee8023() + END,
        base() + tia() + END,
        base() + iana_dcbx() + END,
        ids() + END,
        base(),  # no End TLV
        tlv(1, b"\x04" + MAC) + tlv(5, b"") + b"\x00",  # zero-length name: the loop stops
        tlv(1, b"\x04" + MAC) + tlv(5, b"name") + b"\x0a\x10ab",  # TLV longer than the frame
        tlv(1, b"\x04\x01\x02") + END,  # MAC id too short
        tlv(1, b"\x05\x01\x0a") + END,  # IPv4 id too short
        tlv(1, b"\x05") + END,
        tlv(3, b"\x01") + END,
        tlv(7, b"\x00\x04") + END,
        tlv(8, b"\x09\x01\x0a\x00\x00\x01") + END,
        tlv(8, b"\x05\x01\x0a\x00\x00\x01\x02\x00\x00") + END,
        tlv(8, b"\x05\x01\x0a\x00\x00\x01\x02\x00\x00\x00\x07\x09\x01") + END,
        tlv(127, b"\x00\x12") + END,
        b"\x02",
    ]
    out = [eth(DST, 0x88CC, b) for b in bodies]
    # With padding after the End TLV, as a 60-byte minimum frame has.
    out.append(eth(DST, 0x88CC, tlv(1, b"\x04" + MAC) + tlv(2, b"\x03" + MAC) + tlv(3, b"\x00\x78") + END + bytes(20)))
    return out


def cut_frames():
    return [eth(DST, 0x88CC, base() + tlv(127, b"\x00\x12\x0f\x01\x03\x6c\x01\x00\x10") + END)]


CUT_STEP = 4
