// ScopedNetns and the lookups that turn a PID or a container id into a namespace path.
#include "netns.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <vector>

#include "sys/errors.hpp"

namespace ringdump {

Result<ScopedNetns> ScopedNetns::Enter(const std::string& path) {
  if (path.empty()) return ScopedNetns(sys::UniqueFd());
  sys::UniqueFd target(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!target.valid()) return sys::LastError("network namespace " + path);
  sys::UniqueFd original(open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
  if (!original.valid()) return sys::LastError("/proc/thread-self/ns/net");
  if (setns(target.get(), CLONE_NEWNET) < 0) {
    Error e = sys::LastError("setns " + path);
    if (e.kind() == Error::Kind::kPermission)
      return Error(e.message() + " (entering a network namespace needs CAP_SYS_ADMIN)", Error::Kind::kPermission);
    if (errno == EINVAL) return Error("setns " + path + ": not a network namespace", Error::Kind::kBadArgument);
    return e;
  }
  return ScopedNetns(std::move(original));
}

ScopedNetns::~ScopedNetns() {
  if (original_.valid()) (void)setns(original_.get(), CLONE_NEWNET);
}

Result<std::string> NetnsPathOfPid(int pid) {
  std::string path = "/proc/" + std::to_string(pid) + "/ns/net";
  struct stat st;
  if (pid <= 0 || stat(path.c_str(), &st) != 0)
    return Error("no process " + std::to_string(pid) + " (--netns-pid)", Error::Kind::kBadArgument);
  return path;
}

namespace {

namespace fs = std::filesystem;

std::string RuntimeRoot() {
  const char* root = std::getenv("RINGDUMP_RUNTIME_ROOT");
  return root != nullptr ? root : "/run";
}

// Every (container directory, pid reader) the runtimes on this host know.
struct Candidate {
  std::string id;
  std::string runtime;
  fs::path pid_source;
};

std::vector<Candidate> KnownContainers() {
  std::vector<Candidate> out;
  std::error_code ec;
  const fs::path root = RuntimeRoot();
  // Docker with runc: state.json holds "init_process_pid".
  for (const fs::path& dir : {root / "docker/runtime-runc/moby"}) {
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (fs::exists(entry.path() / "state.json", ec))
        out.push_back({entry.path().filename().string(), "docker", entry.path() / "state.json"});
  }
  // containerd (CRI: namespace k8s.io; docker's own containerd: moby): init.pid.
  for (const auto& ns : fs::directory_iterator(root / "containerd/io.containerd.runtime.v2.task", ec)) {
    for (const auto& entry : fs::directory_iterator(ns.path(), ec))
      if (fs::exists(entry.path() / "init.pid", ec))
        out.push_back({entry.path().filename().string(), "containerd/" + ns.path().filename().string(),
                       entry.path() / "init.pid"});
  }
  return out;
}

Result<int> ReadPid(const Candidate& c) {
  std::ifstream in(c.pid_source);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (c.pid_source.filename() == "init.pid") {
    int pid = std::atoi(text.c_str());
    if (pid > 0) return pid;
  } else {
    std::smatch m;
    static const std::regex kInitPid("\"init_process_pid\"\\s*:\\s*([0-9]+)");
    if (std::regex_search(text, m, kInitPid)) return std::atoi(m[1].str().c_str());
  }
  return Error("cannot read the PID of container " + c.id + " from " + c.pid_source.string());
}

}  // namespace

Result<std::string> NetnsPathOfContainer(const std::string& id) {
  if (id.empty()) return Error("empty container id (--container)", Error::Kind::kBadArgument);
  std::vector<Candidate> matches;
  for (const Candidate& c : KnownContainers())
    if (c.id.compare(0, id.size(), id) == 0) matches.push_back(c);
  if (matches.empty())
    return Error("no container " + id + " known to Docker (runc state in " + RuntimeRoot() +
                     "/docker/runtime-runc/moby) or containerd/CRI (" + RuntimeRoot() +
                     "/containerd/io.containerd.runtime.v2.task); is the runtime running on this host?",
                 Error::Kind::kBadArgument);
  if (matches.size() > 1) return Error("container id " + id + " is ambiguous", Error::Kind::kBadArgument);
  auto pid = ReadPid(matches.front());
  if (!pid.ok()) return std::move(pid).error();
  return NetnsPathOfPid(pid.value());
}

}  // namespace ringdump
