// Entering a network namespace for the length of a scope. setns(CLONE_NEWNET) changes only the calling
// thread, and sockets keep the namespace they were created in: the engine enters the target namespace while it
// opens the device and the sockets, then returns; the workers and the file writer run in the caller's
// namespaces, so files land where the user asked.
#pragma once

#include <string>

#include "ringdump/result.hpp"
#include "sys/unique_fd.hpp"

namespace ringdump {

class ScopedNetns {
 public:
  // Enters the namespace at `path` (an nsfs file). An empty path changes nothing.
  static Result<ScopedNetns> Enter(const std::string& path);
  ScopedNetns(ScopedNetns&&) = default;
  ScopedNetns& operator=(ScopedNetns&&) = delete;
  ~ScopedNetns();

 private:
  explicit ScopedNetns(sys::UniqueFd original) : original_(std::move(original)) {}
  sys::UniqueFd original_;  // the thread's namespace before Enter(); invalid when nothing was changed
};

// /proc/PID/ns/net, checked to exist.
Result<std::string> NetnsPathOfPid(int pid);

// The network namespace of a container, from the runtime's state on this host: Docker (runc state under
// /run/docker/runtime-runc/moby) and containerd / CRI (init.pid under /run/containerd/io.containerd.runtime.v2.task).
// `id` may be a unique prefix. RINGDUMP_RUNTIME_ROOT replaces "/run" (tests).
Result<std::string> NetnsPathOfContainer(const std::string& id);

}  // namespace ringdump
