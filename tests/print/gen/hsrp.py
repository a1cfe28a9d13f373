"""HSRP frames for apps.pcap: version 0 hello, coup and resign in several states, a set reserved byte, an
unknown op code and state, a password shorter than its field, version 1, a short packet."""
import struct

from .common import *  # noqa: F401,F403

HSRP_ADDR = [224, 0, 0, 2]


def hsrp(op, state, group, auth=b"cisco", prio=100, reserved=0, version=0, hello=3, hold=10):
    return struct.pack("!BBBBBBBB", version, op, state, hello, hold, prio, group, reserved) + auth.ljust(8, b"\0")[:8] + bytes(C)


def frames():
    def h(data):
        return eth(M2, M1, 0x0800, ip4(A, HSRP_ADDR, 17, udp(A, HSRP_ADDR, 1985, 1985, data), ttl=1))
    return [h(hsrp(0, 16, 1)), h(hsrp(1, 4, 2, b"12345678", hello=200, hold=250)), h(hsrp(2, 8, 3, b"", reserved=5)),
            h(hsrp(7, 3, 4, b"ab\x01c")), h(hsrp(0, 0, 1, version=1)), h(hsrp(0, 16, 1)[:10])]
