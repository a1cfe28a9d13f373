"""TSP (timed) frames for apps.pcap: every kind of message, a loop packet's hop count, set/adjust times
(negative seconds, negative microseconds), an unknown type, a name without its NUL."""
import struct

from .common import *  # noqa: F401,F403


def tsp(t, sec=0, usec=0, name=b"host1\0", seq=7):
    return struct.pack("!BBHii", t, 1, seq, sec, usec) + name


def frames():
    f = [u4(525, 525, tsp(t)) for t in (0, 2, 3, 8, 13, 19)]
    f += [u4(525, 525, tsp(24, sec=0x05000000)), u4(525, 525, tsp(5, sec=1700000000, usec=250000)),
          u4(525, 525, tsp(1, sec=-1, usec=500000)), u4(525, 525, tsp(22, sec=-3, usec=1)), u4(525, 525, tsp(23, sec=5, usec=-2)),
          u4(525, 525, tsp(40)), u4(525, 525, tsp(3, name=b"no-terminator"))]
    return f
