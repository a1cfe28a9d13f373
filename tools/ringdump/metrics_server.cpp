// The --metrics-listen routes (see metrics_server.hpp): the access policy applied to the address, then
// /metrics, /, /healthz and /readyz on the generic listener.
#include "metrics_server.hpp"

namespace ringdump::cli {
namespace {

// The listener's own counters after the capture's: a scrape shows whether connections are being shed or
// timed out (someone holding the port) without a packet capture of the port.
std::string FormatListenerMetrics(const HttpServerCounters& k, bool ready) {
  std::string out;
  auto family = [&](const char* name, const char* type, const char* help, uint64_t value) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " +
           std::to_string(value) + "\n";
  };
  family("ringdump_up", "gauge", "1 while the process serves /metrics (/healthz).", 1);
  family("ringdump_ready", "gauge", "1 while the capture runs (/readyz answers 200).", ready ? 1 : 0);
  family("ringdump_http_connections_total", "counter", "Connections accepted by --metrics-listen.", k.accepted);
  family("ringdump_http_shed_total", "counter", "Idle connections closed to make room at the cap.", k.shed);
  family("ringdump_http_timeouts_total", "counter", "Connections closed by a deadline.", k.timed_out);
  family("ringdump_http_open_connections", "gauge", "Connections open now.", k.open);
  family("ringdump_http_streams", "gauge", "Streamed answers running now.", k.streams);
  return out;
}

}  // namespace

Result<std::unique_ptr<MetricsServer>> MetricsServer::Listen(const std::string& address,
                                                             const std::string& token_file,
                                                             std::function<std::string()> render) {
  const std::string flag = "--metrics-listen";
  auto endpoint = ParseListenAddress(address, flag);
  if (!endpoint.ok()) return endpoint.error();
  HttpServerOptions options;
  options.flag = flag;
  if (!token_file.empty()) {
    auto token = LoadApiToken(token_file);
    if (!token.ok()) return token.error();
    options.token = std::move(token).value();
  }
  if (Status allowed = CheckListenPolicy(*endpoint, address, flag, !options.token.empty()); !allowed.ok())
    return std::move(allowed).error();
  auto http = HttpServer::Listen(*endpoint, address, std::move(options));
  if (!http.ok()) return http.error();
  std::unique_ptr<MetricsServer> server(new MetricsServer());
  server->http_ = std::move(http).value();
  // The route lives inside the listener and runs on its thread: the raw pointer cannot outlive it.
  auto metrics = [render = std::move(render), http = server->http_.get(),
                  ready = server->ready_](const HttpRequest&) {
    HttpResponse r =
        HttpResponse::Text(200, render() + FormatListenerMetrics(http->counters(), ready->load()));
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return r;
  };
  server->http_->Handle("/metrics", metrics);
  server->http_->Handle("/", metrics);
  server->http_->Handle("/healthz", [](const HttpRequest&) { return HttpResponse::Text(200, "ok\n"); });
  server->http_->Handle("/readyz", [ready = server->ready_](const HttpRequest&) {
    return ready->load() ? HttpResponse::Text(200, "ok\n") : HttpResponse::Text(503, "not capturing\n");
  });
  server->http_->Start();
  return server;
}

}  // namespace ringdump::cli
