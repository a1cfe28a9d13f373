#!/usr/bin/env python3
"""Writes a synthetic capture store for the query benchmark and tests: a rotated set NAME0, NAME1, ... of pcap
files of about FILE_BYTES each, packets at RATE per second from START (epoch seconds), IPv4 UDP and TCP between
10.0.0.1..251 and 10.1.0.1..250 (so `host 10.0.0.7` matches 1 packet in 251), sizes cycling
64/300/590/1000/1514. Options: --nano (nanosecond pcap), --queues Q (Q capture queues writing blocks of 512
packets each in turn: the file is out of time order by up to Q * 512 packet intervals, as ringdump's
multi-queue files are), --pcapng. Deterministic. Prints one line per file: PATH FIRST_TS LAST_TS PACKETS.
usage: make_store.py DIR [--files N] [--file-bytes B] [--rate PPS] [--start EPOCH] [--name P] [--nano]
                         [--queues Q] [--pcapng]"""
import argparse
import os
import struct

SIZES = (64, 300, 590, 1000, 1514)


def frame(i, size):
    src = bytes([10, 0, 0, 1 + i % 251])  # odd: every queue of --queues sees every host
    dst = bytes([10, 1, 0, 1 + (i // 250) % 250])
    eth = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00"
    tcp = i % 4 == 0
    l4len = 20 if tcp else 8
    payload = max(0, size - 14 - 20 - l4len)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + l4len + payload, i & 0xFFFF, 0, 64, 6 if tcp else 17, 0,
                     src, dst)
    if tcp:
        l4 = struct.pack("!HHIIBBHHH", 40000 + i % 20000, 443, i, 1, 5 << 4, 0x18, 65535, 0, 0)
    else:
        l4 = struct.pack("!HHHH", 1024 + i % 30000, 53 if i % 7 == 0 else 9, 8 + payload, 0)
    body = (struct.pack("!Q", i) * (payload // 8 + 1))[:payload]
    return eth + ip + l4 + body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--files", type=int, default=8)
    ap.add_argument("--file-bytes", type=int, default=256 << 20)
    ap.add_argument("--rate", type=float, default=2000.0)
    ap.add_argument("--start", default="1796375700")
    ap.add_argument("--name", default="store.pcap")
    ap.add_argument("--nano", action="store_true")
    ap.add_argument("--queues", type=int, default=1)
    ap.add_argument("--pcapng", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    # A few thousand distinct frames, reused: the content does not matter, the headers do.
    templates = [frame(i, SIZES[i % len(SIZES)]) for i in range(250 * 16)]
    step_ns = int(1e9 / a.rate)
    whole, _, frac = a.start.partition(".")
    t0 = int(whole) * 10**9 + int(frac.ljust(9, "0")[:9] or 0)
    i = 0
    for f in range(a.files):
        path = os.path.join(a.dir, f"{a.name}{f}")
        written, first, last, count = 0, None, None, 0
        with open(path, "wb", buffering=8 << 20) as out:
            if a.pcapng:
                out.write(struct.pack("<IIIHHq", 0x0A0D0D0A, 28, 0x1A2B3C4D, 1, 0, -1) + struct.pack("<I", 28))
                opt = struct.pack("<HHB3x", 9, 1, 9 if a.nano else 6) + struct.pack("<HH", 0, 0)
                out.write(struct.pack("<IIHHI", 1, 20 + len(opt), 1, 0, 262144) + opt + struct.pack("<I", 20 + len(opt)))
                written = 28 + 20 + len(opt)
            else:
                out.write(struct.pack("<IHHiIII", 0xA1B23C4D if a.nano else 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
                written = 24
            block = []
            while written < a.file_bytes:
                # Queue q's packets are every Q-th in time; its block of 512 is written when complete.
                n = 512 * a.queues
                times = [t0 + (i + k) * step_ns for k in range(n)]
                order = [q + a.queues * k for q in range(a.queues) for k in range(512)]
                for k in order:
                    ts = times[k]
                    data = templates[(i + k) % len(templates)]
                    if a.pcapng:
                        ticks = ts if a.nano else ts // 1000
                        pad = (4 - len(data) % 4) % 4
                        blen = 32 + len(data) + pad
                        out.write(struct.pack("<IIIIIII", 6, blen, 0, ticks >> 32, ticks & 0xFFFFFFFF, len(data), len(data)))
                        out.write(data + b"\0" * pad + struct.pack("<I", blen))
                        written += blen
                    else:
                        frac = ts % 1000000000 if a.nano else (ts % 1000000000) // 1000
                        out.write(struct.pack("<IIII", ts // 1000000000, frac, len(data), len(data)))
                        out.write(data)
                        written += 16 + len(data)
                    first = ts if first is None else min(first, ts)
                    last = ts if last is None else max(last, ts)
                    count += 1
                i += n
        # mtime: when the last packet was written, as for a real capture.
        os.utime(path, ns=(last + step_ns, last + step_ns))
        print(path, "%d.%09d" % divmod(first, 10**9), "%d.%09d" % divmod(last, 10**9), count)


if __name__ == "__main__":
    main()
