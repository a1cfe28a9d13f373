// Helpers for tests that need real packet sockets: a private veth pair between two network namespaces
// (TestNetwork, torn down by its destructor even when an assertion fails), child processes run with a
// timeout and their output captured (Run, RunIn), a background process whose stderr can be awaited
// (Process: "wait for `listening on`, then send"), and the guard that skips when namespaces are unavailable.
// Addresses: 198.18.0.1/24 (side a) and 198.18.0.2/24 (side b) inside the namespaces only.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace ringdump::testing {

using std::chrono::milliseconds;

struct ProcessResult {
  int exit_code = -1;   // exit status, or -1 if killed by a signal
  int term_signal = 0;  // the signal that ended it, if any
  bool timed_out = false;
  std::string out;
  std::string err;
  // "exit 1", "signal 9 (timed out)": for assertion messages.
  std::string Describe() const;
};

// A child process with stdout and stderr captured through pipes. The destructor kills (SIGKILL) and reaps it
// if it is still running, so a failing test never leaves a capture behind.
class Process {
 public:
  // Starts argv (no shell). On failure returns nullptr and sets *error.
  static std::unique_ptr<Process> Start(const std::vector<std::string>& argv, std::string* error);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  // Reads output until stderr contains needle (true), the process ends or the timeout passes (false).
  bool WaitForStderr(const std::string& needle, milliseconds timeout);
  void Signal(int sig);
  // Waits for the exit; after the timeout sends SIGKILL and reports timed_out.
  ProcessResult Wait(milliseconds timeout);
  // Output read so far.
  const std::string& err() const { return result_.err; }

 private:
  Process() = default;
  // Reads what is available until the deadline or until both pipes are closed; false when both are closed.
  bool Pump(std::chrono::steady_clock::time_point deadline);

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  bool reaped_ = false;
  ProcessResult result_;
};

// Runs argv to completion (killed after timeout). Inside a TEST body an unqualified Run(...) names
// ::testing::Test::Run instead: use RunCommand there.
ProcessResult RunCommand(const std::vector<std::string>& argv, milliseconds timeout = milliseconds(20000));
inline ProcessResult Run(const std::vector<std::string>& argv, milliseconds timeout = milliseconds(20000)) {
  return RunCommand(argv, timeout);
}
// The same inside network namespace ns (through `ip netns exec`, which execs: the pid is the command's).
std::vector<std::string> InNamespace(const std::string& ns, const std::vector<std::string>& argv);
ProcessResult RunIn(const std::string& ns, const std::vector<std::string>& argv,
                    milliseconds timeout = milliseconds(20000));

// Two namespaces NAME-a / NAME-b joined by veth NAME-a0 <-> NAME-b0, IPv6 off (no stray packets), both up.
// NAME holds the pid and a counter, so parallel test binaries and repeated tests do not collide.
class TestNetwork {
 public:
  explicit TestNetwork(int mtu = 1500);
  ~TestNetwork();
  TestNetwork(const TestNetwork&) = delete;
  TestNetwork& operator=(const TestNetwork&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  const std::string& name() const { return name_; }
  std::string ns_a() const { return name_ + "-a"; }
  std::string ns_b() const { return name_ + "-b"; }
  std::string if_a() const { return name_ + "-a0"; }
  std::string if_b() const { return name_ + "-b0"; }

 private:
  void TearDown();
  std::string name_;
  std::string error_;
};

// A private directory under /tmp, removed with its contents by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Why namespace tests cannot run here (not root, `ip netns` missing or failing), or "" when they can.
// Probed once per process.
std::string NetnsUnavailableReason();

// True when an executable named name is on PATH.
bool HaveTool(const std::string& name);

}  // namespace ringdump::testing

// First statement of every namespace test: skips with the reason when the environment cannot run it.
#define RINGDUMP_REQUIRE_NETNS()                                                             \
  do {                                                                                       \
    const std::string ringdump_netns_reason = ::ringdump::testing::NetnsUnavailableReason(); \
    if (!ringdump_netns_reason.empty()) GTEST_SKIP() << ringdump_netns_reason;               \
  } while (0)
