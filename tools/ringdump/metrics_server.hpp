// --metrics-listen ADDR:PORT: the capture's HTTP endpoint, a thin user of the generic listener
// (http_server.hpp). Routes: /metrics (and /, as before) with the counters in Prometheus text format,
// /healthz (200 while the process serves) and /readyz (200 once the capture runs, 503 before and while it
// stops). Loopback addresses are served to any local process; any other address needs --api-token-file,
// and then every request needs the bearer token (http_access.hpp). More routes (the query issue's /pcap)
// are added through http().
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http_server.hpp"
#include "ringdump/result.hpp"

namespace ringdump::cli {

class MetricsServer {
 public:
  // Binds `address` ("127.0.0.1:9100", "[::1]:9100", ":9100" or "9100" for 127.0.0.1; port 0 picks one;
  // another address only with token_file) and starts serving. `render` is called on the listener's event
  // thread once per scrape, so it must be quick. token_file: "" for none.
  static Result<std::unique_ptr<MetricsServer>> Listen(const std::string& address,
                                                       const std::string& token_file,
                                                       std::function<std::string()> render);
  ~MetricsServer() = default;  // the listener stops and closes every connection
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // What /readyz says: true once the capture runs, false when it stops.
  void SetReady(bool ready) { ready_->store(ready); }
  uint16_t port() const { return http_->port(); }
  // The listener, for more routes.
  HttpServer& http() { return *http_; }

 private:
  MetricsServer() = default;
  std::shared_ptr<std::atomic<bool>> ready_ = std::make_shared<std::atomic<bool>>(false);
  std::unique_ptr<HttpServer> http_;
};

}  // namespace ringdump::cli
