"""Multipath TCP option frames for apps.pcap: every subtype (MP_CAPABLE v0/v1 with and without keys and
the checksum flag, MP_JOIN SYN / SYN-ACK / ACK, DSS with 4- and 8-byte ack and sequence numbers, with and
without a checksum, ADD_ADDR IPv4/IPv6 with port and HMAC, REMOVE_ADDR, MP_PRIO, MP_FAIL, MP_FASTCLOSE,
an unknown subtype), lengths that do not fit the flags ("[bad opt]"), and an MPTCP option followed by
others."""
import struct

from .common import *  # noqa: F401,F403

SYN, ACK, SYNACK, PSHACK = 0x02, 0x10, 0x12, 0x18


def mp(sub, rest):
    return struct.pack("!BBB", 30, 3 + len(rest), sub) + rest


def seg(flags, opts, data=b"", v6=False):
    opts += b"\x01" * (-len(opts) % 4)
    if v6:
        return eth(M2, M1, 0x86DD, ip6(A6, B6, 6, tcp(A6, B6, 40100, 443, 7, 9 if flags & ACK else 0, flags, 1000, opts, data, v6=True)))
    return eth(M2, M1, 0x0800, ip4(A, B, 6, tcp(A, B, 40100, 443, 7, 9 if flags & ACK else 0, flags, 1000, opts, data)))


def frames():
    f = []
    k1, k2 = 0x0123456789ABCDEF, 0xFEDCBA9876543210
    # MP_CAPABLE: SYN v1 with the checksum flag and no key (len 4), SYN v0 with a key (len 12), the third
    # ACK with both keys (len 20) and with a data-level length (len 22), an unknown version, a length
    # that does not fit the flags.
    f.append(seg(SYN, mp(0x01, b"\x81")))
    f.append(seg(SYN, mp(0x00, b"\x01" + struct.pack("!Q", k1))))
    f.append(seg(ACK, mp(0x01, b"\x81" + struct.pack("!QQ", k1, k2))))
    f.append(seg(PSHACK, mp(0x01, b"\x01" + struct.pack("!QQH", k1, k2, 100)), b"hello"))
    f.append(seg(SYN, mp(0x07, b"\x01")))
    f.append(seg(ACK, mp(0x00, b"\x01" + struct.pack("!Q", k1))))
    # MP_JOIN: SYN (token, nonce, backup), SYN/ACK (truncated HMAC, nonce), ACK (20-byte HMAC), bad.
    f.append(seg(SYN, mp(0x11, b"\x05" + struct.pack("!II", 0xAABBCCDD, 0x11223344))))
    f.append(seg(SYNACK, mp(0x10, b"\x02" + struct.pack("!QI", k2, 0x55667788))))
    f.append(seg(ACK, mp(0x10, b"\x00" + bytes(range(1, 21)))))
    f.append(seg(ACK, mp(0x10, b"\x00" + bytes(9))))
    # DSS: 4-byte ack; 8-byte ack and sequence with a checksum and FIN; 4-byte seq without checksum;
    # too short for its flags; on a SYN.
    f.append(seg(ACK, mp(0x20, b"\x01" + struct.pack("!I", 1000))))
    f.append(seg(PSHACK, mp(0x20, b"\x1f" + struct.pack("!QQIHH", 2 ** 40 + 5, 2 ** 33 + 7, 1, 5, 0xBEEF)), b"hello"))
    f.append(seg(PSHACK, mp(0x20, b"\x05" + struct.pack("!IIIH", 77, 88, 1, 5)), b"hello"))
    f.append(seg(ACK, mp(0x20, b"\x05" + struct.pack("!I", 77))))
    f.append(seg(SYN, mp(0x20, b"\x01" + struct.pack("!I", 1000))))
    # ADD_ADDR: IPv4 without and with a port, with an HMAC (v1) and both; IPv6 likewise; echo; bad length.
    ip_ = bytes([198, 51, 100, 7])
    f.append(seg(ACK, mp(0x30, b"\x04" + ip_)))
    f.append(seg(ACK, mp(0x34, b"\x04" + ip_ + struct.pack("!H", 8080))))
    f.append(seg(ACK, mp(0x30, b"\x05" + ip_ + struct.pack("!Q", k1))))
    f.append(seg(ACK, mp(0x30, b"\x06" + ip_ + struct.pack("!HQ", 443, k2))))
    f.append(seg(ACK, mp(0x31, b"\x07" + A6)))
    f.append(seg(ACK, mp(0x36, b"\x08" + A6 + struct.pack("!H", 993))))
    f.append(seg(ACK, mp(0x30, b"\x09" + B6 + struct.pack("!Q", k1))))
    f.append(seg(ACK, mp(0x30, b"\x0a" + B6 + struct.pack("!HQ", 22, k2))))
    f.append(seg(ACK, mp(0x3f, b"\x0b" + ip_)))
    f.append(seg(ACK, mp(0x30, b"\x01\x02")))
    # REMOVE_ADDR with three ids; MP_PRIO with and without an id; MP_FAIL; MP_FASTCLOSE; bad lengths;
    # an unknown subtype; MPTCP between other options; over IPv6.
    f.append(seg(ACK, mp(0x40, b"\x01\x02\x03")))
    f.append(seg(ACK, mp(0x40, b"")))
    f.append(seg(ACK, mp(0x51, b"")))
    f.append(seg(ACK, mp(0x50, b"\x04")))
    f.append(seg(ACK, mp(0x60, b"\x00" + struct.pack("!Q", 2 ** 63 + 1))))
    f.append(seg(ACK, mp(0x70, b"\x00" + struct.pack("!Q", k2))))
    f.append(seg(ACK, mp(0x70, b"\x00" + struct.pack("!I", 1))))
    f.append(seg(ACK, mp(0x90, b"\x00\x01")))
    f.append(seg(ACK, mp(0xf0, b"")))
    ts = b"\x01\x01" + struct.pack("!BBII", 8, 10, 1, 2)
    f.append(seg(ACK, ts + mp(0x20, b"\x01" + struct.pack("!I", 5)) + b"\x04\x02"))
    f.append(seg(SYN, struct.pack("!BBH", 2, 4, 1440) + mp(0x01, b"\x81"), v6=True))
    f.append(seg(ACK, b"\x1e\x02"))
    return f
