// Implementation of the namespace test helpers. Children are started with fork/execvp and pipes for
// stdout/stderr; a single poll loop drains both so a chatty child never blocks on a full pipe. The network
// is built with the same `ip` commands as scripts/netns.sh, torn down with `ip netns del`.
#include "netns_fixture.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <regex>

namespace ringdump::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string ExitText(const ProcessResult& r) {
  std::string text =
      r.term_signal != 0 ? "signal " + std::to_string(r.term_signal) : "exit " + std::to_string(r.exit_code);
  if (r.timed_out) text += " (timed out)";
  return text;
}

}  // namespace

std::string ProcessResult::Describe() const {
  return ExitText(*this) + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
}

std::unique_ptr<Process> Process::Start(const std::vector<std::string>& argv, std::string* error) {
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) < 0) {
    *error = std::string("pipe: ") + std::strerror(errno);
    return nullptr;
  }
  if (::pipe2(err_pipe, O_CLOEXEC) < 0) {
    *error = std::string("pipe: ") + std::strerror(errno);
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return nullptr;
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    *error = std::string("fork: ") + std::strerror(errno);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
    return nullptr;
  }
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    // The test binary may block or ignore signals; the child starts with the defaults.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGPIPE, SIG_DFL);
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  std::unique_ptr<Process> p(new Process());
  p->pid_ = pid;
  p->out_fd_ = out_pipe[0];
  p->err_fd_ = err_pipe[0];
  return p;
}

Process::~Process() {
  if (!reaped_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
}

bool Process::Pump(Clock::time_point deadline) {
  while (out_fd_ >= 0 || err_fd_ >= 0) {
    pollfd fds[2];
    int n = 0;
    if (out_fd_ >= 0) fds[n++] = {out_fd_, POLLIN, 0};
    if (err_fd_ >= 0) fds[n++] = {err_fd_, POLLIN, 0};
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left < 0) left = 0;
    int r = ::poll(fds, n, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return true;  // timeout (or poll failure): still open
    for (int i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      char buf[4096];
      ssize_t got = ::read(fds[i].fd, buf, sizeof(buf));
      int& fd = fds[i].fd == out_fd_ ? out_fd_ : err_fd_;
      std::string& sink = fds[i].fd == out_fd_ ? result_.out : result_.err;
      if (got > 0) {
        sink.append(buf, static_cast<size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        ::close(fd);
        fd = -1;
      }
    }
    return true;  // something was read: let the caller check its condition
  }
  return false;
}

bool Process::WaitForStderr(const std::string& needle, milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (result_.err.find(needle) == std::string::npos) {
    if (Clock::now() >= deadline) return false;
    if (!Pump(deadline)) return result_.err.find(needle) != std::string::npos;
  }
  return true;
}

void Process::Signal(int sig) {
  if (!reaped_ && pid_ > 0) ::kill(pid_, sig);
}

ProcessResult Process::Wait(milliseconds timeout) {
  if (reaped_) return result_;
  auto deadline = Clock::now() + timeout;
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) break;
    if (Clock::now() >= deadline) {
      result_.timed_out = true;
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    // Keep the pipes drained while waiting; poll at most 20 ms so the exit is noticed quickly.
    auto slice = Clock::now() + milliseconds(20);
    if (!Pump(slice < deadline ? slice : deadline)) ::usleep(5000);  // pipes closed: just poll the pid
  }
  reaped_ = true;
  // Whatever is still in the pipes (the child is gone, so they reach EOF).
  auto drain_deadline = Clock::now() + milliseconds(2000);
  while (Pump(drain_deadline) && Clock::now() < drain_deadline) {
  }
  if (WIFEXITED(status)) {
    result_.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result_.term_signal = WTERMSIG(status);
  }
  return result_;
}

ProcessResult RunCommand(const std::vector<std::string>& argv, milliseconds timeout) {
  std::string error;
  auto p = Process::Start(argv, &error);
  if (!p) {
    ProcessResult r;
    r.err = error;
    return r;
  }
  return p->Wait(timeout);
}

std::vector<std::string> InNamespace(const std::string& ns, const std::vector<std::string>& argv) {
  std::vector<std::string> full = {"ip", "netns", "exec", ns};
  full.insert(full.end(), argv.begin(), argv.end());
  return full;
}

ProcessResult RunIn(const std::string& ns, const std::vector<std::string>& argv, milliseconds timeout) {
  return Run(InNamespace(ns, argv), timeout);
}

std::string NetnsUnavailableReason() {
  static const std::string reason = []() -> std::string {
    if (::geteuid() != 0)
      return "namespace tests need root (CAP_NET_ADMIN, CAP_SYS_ADMIN): run netns_tests as root";
    std::string name = "rdprobe" + std::to_string(::getpid());
    ProcessResult add = Run({"ip", "netns", "add", name}, milliseconds(10000));
    if (add.exit_code != 0) return "`ip netns add` does not work here: " + add.Describe();
    ProcessResult exec = Run({"ip", "netns", "exec", name, "ip", "link", "show", "lo"}, milliseconds(10000));
    Run({"ip", "netns", "del", name}, milliseconds(10000));
    if (exec.exit_code != 0) return "`ip netns exec` does not work here: " + exec.Describe();
    return "";
  }();
  return reason;
}

bool HaveTool(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

// Namespaces left by test processes that died without running destructors (a crash, SIGKILL by a
// timeout): names rd<pid>x<n>-a/b and rdprobe<pid> whose pid is gone. Removed once per process.
void RemoveStaleNetworks() {
  static const bool done = [] {
    std::error_code ec;
    static const std::regex kOurs(R"((?:rd(\d+)x\d+-[ab])|(?:rdprobe(\d+)))");
    for (const auto& entry : std::filesystem::directory_iterator("/run/netns", ec)) {
      std::smatch m;
      const std::string name = entry.path().filename().string();
      if (!std::regex_match(name, m, kOurs)) continue;
      const pid_t pid = static_cast<pid_t>(std::stol(m[1].matched ? m[1].str() : m[2].str()));
      if (pid == ::getpid() || (::kill(pid, 0) < 0 && errno == ESRCH)) {
        Run({"ip", "netns", "del", name}, milliseconds(10000));
      }
    }
    return true;
  }();
  (void)done;
}

TestNetwork::TestNetwork(int mtu) {
  RemoveStaleNetworks();
  static std::atomic<int> counter{0};
  name_ = "rd" + std::to_string(::getpid()) + "x" + std::to_string(counter++ % 100);
  TearDown();  // a stale pair of the same name (a recycled pid after a crash)
  const std::string m = std::to_string(mtu);
  std::vector<std::vector<std::string>> steps = {
      {"ip", "netns", "add", ns_a()},
      {"ip", "netns", "add", ns_b()},
  };
  // IPv6 off before the link exists: no router solicitations, MLD or DAD in a capture. A kernel without
  // IPv6 has nothing to switch off.
  if (std::filesystem::exists("/proc/sys/net/ipv6")) {
    for (const auto& ns : {ns_a(), ns_b()}) {
      steps.push_back({"ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
                       "net.ipv6.conf.default.disable_ipv6=1"});
    }
  }
  const std::vector<std::vector<std::string>> link_steps = {
      {"ip", "link", "add", if_a(), "netns", ns_a(), "mtu", m, "type", "veth", "peer", "name", if_b(),
       "netns", ns_b(), "mtu", m},
      {"ip", "-n", ns_a(), "addr", "add", "198.18.0.1/24", "dev", if_a()},
      {"ip", "-n", ns_b(), "addr", "add", "198.18.0.2/24", "dev", if_b()},
      {"ip", "-n", ns_a(), "link", "set", "lo", "up"},
      {"ip", "-n", ns_b(), "link", "set", "lo", "up"},
      {"ip", "-n", ns_a(), "link", "set", if_a(), "up"},
      {"ip", "-n", ns_b(), "link", "set", if_b(), "up"},
  };
  steps.insert(steps.end(), link_steps.begin(), link_steps.end());
  for (const auto& step : steps) {
    ProcessResult r = Run(step, milliseconds(10000));
    if (r.exit_code != 0) {
      std::string cmd;
      for (const auto& a : step) cmd += a + " ";
      error_ = "setting up the test network failed: " + cmd + "-> " + r.Describe();
      TearDown();
      return;
    }
  }
}

TestNetwork::~TestNetwork() { TearDown(); }

void TestNetwork::TearDown() {
  // Deleting either namespace destroys the veth pair; ignore what is already gone.
  for (const auto& ns : {ns_a(), ns_b()}) {
    if (std::filesystem::exists("/run/netns/" + ns)) Run({"ip", "netns", "del", ns}, milliseconds(10000));
  }
}

TempDir::TempDir() {
  char templ[] = "/tmp/ringdump-netns-XXXXXX";
  if (::mkdtemp(templ) != nullptr) path_ = templ;
}

TempDir::~TempDir() {
  if (!path_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
}

}  // namespace ringdump::testing
