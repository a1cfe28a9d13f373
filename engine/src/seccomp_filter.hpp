// Least privilege for the capture worker threads: a seccomp-BPF allow-list of the system calls the hot path
// makes (waiting for ring blocks, submitting writes, waking other threads, rotation's file creation), so
// a bug exploited through hostile packet bytes cannot open sockets, exec, ptrace, mount, ...
// The filter is installed on the calling thread only (no SECCOMP_FILTER_FLAG_TSYNC): the main thread, the
// closer and the stats threads keep their full set. It is built by hand as classic BPF (no libseccomp
// dependency): an architecture check, then one comparison per allowed syscall number.
#pragma once

#include <cstdint>
#include <span>

#include "ringdump/result.hpp"

namespace ringdump {

// What a call outside the list does.
enum class SeccompAction {
  kErrno,  // fails with EPERM (the default: a stray call becomes an error the engine already handles)
  kLog,    // allowed but logged by the kernel (audit / dmesg "type=1326"): how the list was found
  kKill,   // the whole process is killed (SIGSYS)
};

struct SeccompOptions {
  SeccompAction action = SeccompAction::kErrno;
};

// The syscall numbers the worker threads may make (for this architecture).
std::span<const int> WorkerSyscalls();

// Sets no_new_privs on the calling thread and installs the worker allow-list on it. Irreversible for this
// thread and inherited by threads it creates.
Status ConfineWorkerThread();
Status ConfineWorkerThread(const SeccompOptions& options);

}  // namespace ringdump
