#!/usr/bin/env python3
"""Per-thread CPU of one process, for the benchmarks: polls /proc/PID/task/*/stat every INTERVAL seconds until
the process is gone and keeps each thread's last utime and stime (clock ticks, field 14 and 15; threads that
end early, such as idle io_uring workers, keep their last values). When the process ends it writes one CSV row
per thread: tid, comm, utime_ticks, stime_ticks; a last row `-,ALL,...` is the whole process (field 14/15 of
/proc/PID/stat: every thread, also those that have ended) from the last poll, and `-,PEAK_THREADS,N,0` the most
threads seen at once.
  thread_cpu.py PID OUT.csv [--interval 0.05] [--child]
--child: PID is a wrapper (timeout(1)) whose only child becomes the tool: follow that child instead.
The poller runs outside the measured process and its cgroup; the last poll is at most INTERVAL before the end,
so a thread's figures may miss what it did in its last INTERVAL (the exit path)."""
import os
import sys
import time


def read_stat(path):
    """-> (comm, utime, stime) of a /proc/.../stat file, or None if it is gone."""
    try:
        with open(path) as f:
            s = f.read()
    except OSError:
        return None
    # comm is in parentheses and may hold spaces or ')': split after the last ')'.
    lpar, rpar = s.index("("), s.rindex(")")
    comm = s[lpar + 1:rpar]
    rest = s[rpar + 2:].split()
    return comm, int(rest[11]), int(rest[12])


def child_of(pid):
    for _ in range(200):  # the wrapper forks its child at once; wait up to 2 s for it
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                kids = f.read().split()
        except OSError:
            return None
        if kids:
            return int(kids[0])
        time.sleep(0.01)
    return None


def main():
    args = sys.argv[1:]
    interval = 0.05
    follow = "--child" in args
    if follow:
        args.remove("--child")
    if "--interval" in args:
        i = args.index("--interval")
        interval = float(args[i + 1])
        del args[i:i + 2]
    pid, out = int(args[0]), args[1]
    if follow:
        pid = child_of(pid)
    threads = {}  # tid -> (comm, utime, stime)
    whole = None
    peak = 0
    # ip netns exec replaces its image with the tool's: the comm changes, the pid does not.
    while pid is not None and os.path.exists(f"/proc/{pid}"):
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            break
        peak = max(peak, len(tids))
        for tid in tids:
            st = read_stat(f"/proc/{pid}/task/{tid}/stat")
            if st is not None:
                threads[int(tid)] = st
        st = read_stat(f"/proc/{pid}/stat")
        if st is not None and st[0] not in ("ip", "zombie"):
            whole = st
        time.sleep(interval)
    with open(out, "w") as f:
        f.write("tid,comm,utime_ticks,stime_ticks\n")
        for tid, (comm, u, s) in sorted(threads.items()):
            f.write(f"{tid},{comm},{u},{s}\n")
        if whole is not None:
            f.write(f"-,ALL,{whole[1]},{whole[2]}\n")
        f.write(f"-,PEAK_THREADS,{peak},0\n")


if __name__ == "__main__":
    main()
