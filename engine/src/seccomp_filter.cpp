// ConfineWorkerThread (see seccomp_filter.hpp). The list was taken from `strace -f` of a capture in a
// namespace (-w with -C 1 rotation, two queues, 40000 frames): what the worker threads call after their first
// poll. Groups say why each call is there. Install it after PinCurrentThread: hwloc reads /sys (openat,
// read, getdents64) to pin. Printing without -n resolves names (sockets): do not confine that worker. Calls
// made through the vDSO (clock_gettime, gettimeofday) never reach the filter but are listed for systems where
// the vDSO is off.
#include "seccomp_filter.hpp"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <vector>

#include "sys/errors.hpp"

namespace ringdump {
namespace {

#if defined(__x86_64__)
constexpr uint32_t kAuditArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr uint32_t kAuditArch = AUDIT_ARCH_AARCH64;
#else
#error "seccomp_filter.cpp: add this architecture's AUDIT_ARCH"
#endif

constexpr int kWorkerSyscalls[] = {
    // Waiting for blocks and for the writer.
    SYS_ppoll,
    SYS_futex,
    SYS_sched_yield,
    SYS_nanosleep,
    SYS_clock_nanosleep,
#ifdef SYS_poll
    SYS_poll,
#endif
    SYS_getsockopt,  // PACKET_STATISTICS
    // Time (vDSO normally).
    SYS_clock_gettime,
    SYS_gettimeofday,
    // Writing: io_uring, or the synchronous fallback; printing and pipes.
    SYS_io_uring_enter,
    SYS_pwrite64,
    SYS_pwritev,
    SYS_write,
    SYS_writev,
    SYS_fdatasync,
    SYS_fsync,
    SYS_ftruncate,
    SYS_lseek,
    SYS_fstat,
    SYS_newfstatat,
    SYS_statx,
    // Rotation when the closer thread has no spare file ready: the worker creates the next one itself.
    SYS_openat,
    SYS_close,
    SYS_rename,
    SYS_unlink,
    SYS_renameat,
    SYS_renameat2,
    SYS_unlinkat,
    SYS_fallocate,
    SYS_fcntl,
    SYS_io_uring_setup,
    SYS_io_uring_register,
    // Memory: the allocator (rotation, batches), chunk pools.
    SYS_mmap,
    SYS_munmap,
    SYS_mremap,
    SYS_madvise,
    SYS_mprotect,
    SYS_brk,
    // Thread life: pinning, signals, exit.
    SYS_sched_setaffinity,
    SYS_sched_getaffinity,
    SYS_getpid,
    SYS_gettid,
    SYS_tgkill,
    SYS_rt_sigprocmask,
    SYS_rt_sigreturn,
    SYS_restart_syscall,
    SYS_exit,
    SYS_exit_group,
    SYS_rseq,
    SYS_set_robust_list,
    SYS_getrandom,
    // Sanitizer runtimes: ASan unpoisons the signal stack on noreturn calls; UBSan's vptr check probes
    // memory through a pipe. Neither reaches outside the process.
    SYS_sigaltstack,
    SYS_pipe2,
#ifdef SYS_pipe
    SYS_pipe,
#endif
};

uint32_t ActionValue(SeccompAction a) {
  switch (a) {
    case SeccompAction::kLog:
      return SECCOMP_RET_LOG;
    case SeccompAction::kKill:
      return SECCOMP_RET_KILL_PROCESS;
    case SeccompAction::kErrno:
      break;
  }
  return SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
}

std::vector<sock_filter> BuildProgram(uint32_t deny) {
  std::vector<sock_filter> p;
  // A foreign ABI (x32 on x86_64, or a 32-bit call) has other numbers: always deny.
  p.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)));
  p.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0));
  p.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS));
  p.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)));
#if defined(__x86_64__)
  p.push_back(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u /* __X32_SYSCALL_BIT */, 0, 1));
  p.push_back(BPF_STMT(BPF_RET | BPF_K, deny));
#endif
  for (int nr : kWorkerSyscalls) {
    p.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, uint32_t(nr), 0, 1));
    p.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  }
  p.push_back(BPF_STMT(BPF_RET | BPF_K, deny));
  return p;
}

}  // namespace

std::span<const int> WorkerSyscalls() { return kWorkerSyscalls; }

Status ConfineWorkerThread() { return ConfineWorkerThread(SeccompOptions{}); }

Status ConfineWorkerThread(const SeccompOptions& options) {
  std::vector<sock_filter> program = BuildProgram(ActionValue(options.action));
  sock_fprog prog{static_cast<unsigned short>(program.size()), program.data()};
  // no_new_privs: required to install a filter without CAP_SYS_ADMIN; harmless with it (workers never exec).
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return sys::LastError("prctl(PR_SET_NO_NEW_PRIVS)");
  // Flags 0: this thread only (no TSYNC).
  if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
    return sys::LastError("seccomp(SECCOMP_SET_MODE_FILTER)").Context("worker thread");
  }
  return Ok();
}

}  // namespace ringdump
