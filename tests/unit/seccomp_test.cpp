// ConfineWorkerThread: after it, calls outside the worker list fail with EPERM (or kill the process in kKill
// mode) while the list's calls keep working, and only the calling thread is confined (no TSYNC). Each case
// runs in a forked child so the test binary itself stays unconfined.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <functional>
#include <mutex>
#include <thread>

#include "seccomp_filter.hpp"

namespace ringdump {
namespace {

// Runs `body` in a child process; returns its wait status. The body's return value is the exit code.
int InChild(const std::function<int()>& body) {
  pid_t pid = fork();
  if (pid == 0) _exit(body());
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

int ExitCode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status); }

TEST(Seccomp, ForbiddenCallsFailWithEpermAfterConfining) {
  int status = InChild([] {
    int s = socket(AF_INET, SOCK_DGRAM, 0);  // allowed before
    if (s < 0) return 2;
    close(s);
    if (!ConfineWorkerThread().ok()) return 3;
    errno = 0;
    if (socket(AF_INET, SOCK_DGRAM, 0) != -1 || errno != EPERM) return 4;
    errno = 0;
    if (syscall(SYS_ptrace, 0, 0, 0, 0) != -1 || errno != EPERM) return 5;
    char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
    errno = 0;
    if (execv("/bin/true", argv) != -1 || errno != EPERM) return 6;
    errno = 0;
    if (syscall(SYS_getuid) != -1 || errno != EPERM) return 7;
    return 0;
  });
  EXPECT_EQ(ExitCode(status), 0);
}

TEST(Seccomp, TheHotPathCallsStillWork) {
  int status = InChild([] {
    int fds[2];
    if (pipe(fds) != 0) return 2;
    if (!ConfineWorkerThread().ok()) return 3;
    timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return 4;
    if (write(fds[1], "x", 1) != 1) return 5;
    if (pwrite(fds[1], "x", 1, 0) != -1 || errno != ESPIPE) return 6;  // reaches the kernel: not EPERM
    std::mutex mu;
    std::lock_guard lock(mu);
    struct pollfd p {
      fds[0], POLLIN, 0
    };
    if (poll(&p, 1, 0) != 1) return 7;
    close(fds[0]);
    close(fds[1]);
    return 0;
  });
  EXPECT_EQ(ExitCode(status), 0);
}

TEST(Seccomp, OnlyTheCallingThreadIsConfined) {
  int status = InChild([] {
    int worker_errno = 0;
    std::thread worker([&] {
      if (!ConfineWorkerThread().ok()) return;
      errno = 0;
      if (socket(AF_INET, SOCK_DGRAM, 0) == -1) worker_errno = errno;
    });
    worker.join();
    if (worker_errno != EPERM) return 2;
    int s = socket(AF_INET, SOCK_DGRAM, 0);  // the main thread keeps its full set
    if (s < 0) return 3;
    close(s);
    return 0;
  });
  EXPECT_EQ(ExitCode(status), 0);
}

TEST(Seccomp, KillModeKillsTheProcessWithSigsys) {
  int status = InChild([] {
    if (!ConfineWorkerThread(SeccompOptions{SeccompAction::kKill}).ok()) return 3;
    socket(AF_INET, SOCK_DGRAM, 0);
    return 0;
  });
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit code " << ExitCode(status);
  EXPECT_EQ(WTERMSIG(status), SIGSYS);
}

TEST(Seccomp, TheListHasNoDangerousCalls) {
  auto list = WorkerSyscalls();
  for (int nr : {SYS_socket, SYS_connect, SYS_execve, SYS_ptrace, SYS_setuid, SYS_mount, SYS_bpf, SYS_clone3,
                 SYS_setsockopt}) {
    EXPECT_EQ(std::count(list.begin(), list.end(), nr), 0) << "syscall " << nr;
  }
}

}  // namespace
}  // namespace ringdump
