// --metrics-listen ADDR:PORT: a minimal HTTP endpoint serving the capture's counters in Prometheus text
// format at /metrics. Loopback addresses only (127.0.0.0/8, ::1): the counters say what a host is capturing,
// and exposing them further is a reverse proxy's job, with its own authentication. One thread, one connection
// at a time, a 1-second read timeout: a scrape every few seconds is the whole load.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "ringdump/result.hpp"
#include "sys/unique_fd.hpp"

namespace ringdump::cli {

class MetricsServer {
 public:
  // Binds `address` ("127.0.0.1:9100", "[::1]:9100", ":9100" or "9100" for 127.0.0.1; port 0 picks one) and
  // starts serving. `render` is called on the server's thread once per scrape.
  static Result<std::unique_ptr<MetricsServer>> Listen(const std::string& address,
                                                       std::function<std::string()> render);
  ~MetricsServer();  // stops the thread and closes the socket
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  uint16_t port() const { return port_; }

 private:
  MetricsServer() = default;
  void Serve();
  void Answer(int fd);

  sys::UniqueFd listen_fd_;
  sys::UniqueFd wake_fd_;  // eventfd: the destructor wakes the poll loop
  uint16_t port_ = 0;
  std::function<std::string()> render_;
  std::thread thread_;
};

}  // namespace ringdump::cli
