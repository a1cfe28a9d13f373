// The --metrics-listen routes (see metrics_server.hpp): the access policy applied to the address, then
// /metrics, /, /healthz and /readyz on the generic listener.
#include "metrics_server.hpp"

namespace ringdump::cli {

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
  auto metrics = [render = std::move(render)](const HttpRequest&) {
    HttpResponse r = HttpResponse::Text(200, render());
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
