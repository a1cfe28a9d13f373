"""CDP over SNAP: every TLV type of tcpdump's table (addresses IPv4/IPv6/other, capabilities, version
text, prefixes, VLAN, duplex, ATA-186, power, MTU, trust, location), length-limit violations, unknown
types, and malformed headers."""
import struct

from .l2 import llc_frame

DST = bytes([0x01, 0x00, 0x0C, 0xCC, 0xCC, 0xCC])
SNAP = b"\xAA\xAA\x03\x00\x00\x0C\x20\x00"


def tlv(t, v):
    return struct.pack("!HH", t, len(v) + 4) + v


def addrs():
    v4 = b"\x01\x01\xcc" + struct.pack("!H", 4) + bytes([192, 168, 1, 10])
    v6 = b"\x02\x08\xaa\xaa\x03\x00\x00\x00\x86\xdd" + struct.pack("!H", 16) + bytes(range(0x20, 0x30))
    other = b"\x02\x03\x01\x02\x03" + struct.pack("!H", 2) + b"\xab\xcd"
    return struct.pack("!I", 3) + v4 + v6 + other


def full():
    return (tlv(1, b"switch-1.example.com") + tlv(2, addrs()) + tlv(3, b"GigabitEthernet0/1") +
            tlv(4, struct.pack("!I", 0x29)) +
            tlv(5, b"Cisco IOS Software, C2960\nVersion 15.0(2)SE\n\x01tail") + tlv(6, b"cisco WS-C2960-24TT-L") +
            tlv(7, bytes([10, 0, 0, 0, 8, 172, 16, 0, 0, 12])) + tlv(8, b"\x00\x00\x0c\x01\x12") +
            tlv(9, b"vtp-domain") + tlv(10, struct.pack("!H", 10)) + tlv(11, b"\x01") + tlv(11, b"\x00") +
            tlv(12, b"\x01\x02") + tlv(14, b"\x01\x00\x64") + tlv(15, b"\x20\x00") + tlv(15, b"\x02\x00\xc8") +
            tlv(16, b"\x1f\x40") + tlv(16, b"\x05") + tlv(16, b"\x01\x86\xa0") + tlv(17, struct.pack("!I", 1500)) +
            tlv(18, b"\x00") + tlv(19, b"\x05") + tlv(20, b"sysname") + tlv(21, b"\x06\x03\x2b\x06\x01") +
            tlv(22, struct.pack("!I", 1) + b"\x01\x01\xcc\x00\x04" + bytes([10, 1, 1, 1])) +
            tlv(23, b"\x07") + tlv(23, b"\x07Building 3") + tlv(0x30, b"\xde\xad") + tlv(0, b"\x01"))


def bad():
    return [
        tlv(1, b"dev") + tlv(4, b"\x00\x01"),  # capability too short
        tlv(1, b"dev") + tlv(10, b"\x00\x01\x02") + tlv(17, b""),
        tlv(1, b"dev") + tlv(2, b"\x00\x00"),  # no room for the count
        tlv(2, struct.pack("!I", 2) + b"\x01"),  # no room for PT+PL
        tlv(2, struct.pack("!I", 1) + b"\x01\x05\xcc"),  # no room for the protocol
        tlv(2, struct.pack("!I", 1) + b"\x01\x01\xcc\x00\x04\x0a"),  # no room for the address
        tlv(2, struct.pack("!I", 1) + b"\x01\x01\xcc\x00\x04\x0a\x00\x00\x01\xff\xff"),  # stray data
        tlv(2, struct.pack("!I", 1) + b"\x05\x01\x99\x00\x09\x01"),
        tlv(7, bytes(7)),  # prefixes not a multiple of 5
        tlv(22, b"\x00\x00"),
        tlv(23, b""),
        tlv(1, b"dev") + struct.pack("!HH", 3, 2),  # TLV length < 4
        tlv(1, b"dev") + struct.pack("!HH", 99, 1),
        tlv(1, b"dev") + struct.pack("!HH", 3, 40) + b"abc",  # TLV longer than the packet
        tlv(1, b"dev") + b"\x00\x03",  # remaining length < 4
    ]


def packet(body, ver=2, ttl=180):
    return struct.pack("!BBH", ver, ttl, 0xBEEF) + body


def frames():
    out = [llc_frame(DST, SNAP + packet(full()))]
    out.append(llc_frame(DST, SNAP + packet(tlv(1, b"R1") + tlv(3, b"Ethernet0"), ver=1, ttl=60)))
    out += [llc_frame(DST, SNAP + packet(b)) for b in bad()]
    out.append(llc_frame(DST, SNAP + b"\x02\xb4"))  # shorter than the header
    return out


def cut_frames():
    return [llc_frame(DST, SNAP + packet(full()[:200]))]


CUT_STEP = 6
