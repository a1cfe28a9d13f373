#!/usr/bin/env python3
"""Mutates the synthetic fixtures (gen_pcaps.py) into a pcap of damaged packets: truncated at random
lengths, random bytes flipped, length fields set to extremes. Used to check that the printer never reads
past the captured bytes (run under ASan) and still prints what tcpdump prints.

usage: fuzz_pcaps.py FIXTURE_DIR OUT.pcap [N] [SEED]
"""
import random
import struct
import sys


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    linktype = struct.unpack("<I", data[20:24])[0]
    off, frames = 24, []
    while off + 16 <= len(data):
        _, _, cap, _ = struct.unpack("<IIII", data[off:off + 16])
        frames.append(data[off + 16:off + 16 + cap])
        off += 16 + cap
    return linktype, frames


def mutate(rng, fr):
    fr = bytearray(fr)
    for _ in range(rng.randint(0, 4)):
        if not fr:
            break
        i = rng.randrange(len(fr))
        choice = rng.random()
        if choice < 0.5:
            fr[i] = rng.randrange(256)
        elif choice < 0.75:
            fr[i] = rng.choice([0, 0xFF, 0x7F, 0x80, 1, 0x40, 0x3F])
        elif i + 1 < len(fr):
            fr[i:i + 2] = struct.pack("!H", rng.choice([0, 1, 0xFFFF, len(fr), len(fr) + 100, 8, 20, 40]))
    cut = len(fr) if rng.random() < 0.5 else rng.randint(0, len(fr))
    return bytes(fr[:cut]), len(fr)


def main():
    fixture_dir, out = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    linktype, frames = read_pcap(fixture_dir + "/ether.pcap")
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype))
        for i in range(n):
            cap, orig = mutate(rng, rng.choice(frames))
            if not cap:
                cap = b"\0"
            f.write(struct.pack("<IIII", 1700000000 + i, i % 1000000, len(cap), max(orig, len(cap))))
            f.write(cap)


if __name__ == "__main__":
    main()
