// The /metrics endpoint (see metrics_server.hpp): address parsing with the loopback check, the accept loop,
// and a one-request HTTP/1.0-style exchange (the connection is closed after every answer).
#include "metrics_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "sys/errors.hpp"

namespace ringdump::cli {
namespace {

struct Endpoint {
  sockaddr_storage addr{};
  socklen_t len = 0;
};

Result<Endpoint> ParseEndpoint(const std::string& text) {
  const Error bad("invalid --metrics-listen " + text + " (expected 127.0.0.1:PORT, [::1]:PORT or PORT)",
                  Error::Kind::kBadArgument);
  std::string host = "127.0.0.1", port = text;
  if (!text.empty() && text[0] == '[') {
    const size_t close = text.find("]:");
    if (close == std::string::npos) return bad;
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else if (const size_t colon = text.rfind(':'); colon != std::string::npos) {
    if (colon != 0) host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  char* end = nullptr;
  const unsigned long number = std::strtoul(port.c_str(), &end, 10);
  if (port.empty() || *end != '\0' || number > 65535) return bad;
  const Error not_loopback(
      "--metrics-listen " + text + ": only loopback addresses (127.0.0.0/8, ::1) are served",
      Error::Kind::kBadArgument);
  Endpoint e;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&e.addr);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&e.addr);
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    if ((ntohl(v4->sin_addr.s_addr) >> 24) != 127) return not_loopback;
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(number));
    e.len = sizeof(*v4);
    return e;
  }
  if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    if (!IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) return not_loopback;
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(number));
    e.len = sizeof(*v6);
    return e;
  }
  return bad;
}

bool WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string Response(const char* status, const char* type, const std::string& body) {
  return std::string("HTTP/1.1 ") + status + "\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace

Result<std::unique_ptr<MetricsServer>> MetricsServer::Listen(const std::string& address,
                                                             std::function<std::string()> render) {
  auto endpoint = ParseEndpoint(address);
  if (!endpoint.ok()) return endpoint.error();
  std::unique_ptr<MetricsServer> server(new MetricsServer());
  server->render_ = std::move(render);
  server->listen_fd_.reset(::socket(endpoint->addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!server->listen_fd_.valid()) return sys::LastError("socket").Context("--metrics-listen " + address);
  const int one = 1;
  setsockopt(server->listen_fd_.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (::bind(server->listen_fd_.get(), reinterpret_cast<sockaddr*>(&endpoint->addr), endpoint->len) < 0)
    return sys::LastError("bind").Context("--metrics-listen " + address);
  if (::listen(server->listen_fd_.get(), 8) < 0)
    return sys::LastError("listen").Context("--metrics-listen " + address);
  sockaddr_storage bound{};
  socklen_t len = sizeof(bound);
  getsockname(server->listen_fd_.get(), reinterpret_cast<sockaddr*>(&bound), &len);
  server->port_ = ntohs(bound.ss_family == AF_INET ? reinterpret_cast<sockaddr_in*>(&bound)->sin_port
                                                   : reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
  server->wake_fd_.reset(::eventfd(0, EFD_CLOEXEC));
  if (!server->wake_fd_.valid()) return sys::LastError("eventfd").Context("--metrics-listen " + address);
  server->thread_ = std::thread(&MetricsServer::Serve, server.get());
  return server;
}

MetricsServer::~MetricsServer() {
  if (!thread_.joinable()) return;
  const uint64_t one = 1;
  (void)!::write(wake_fd_.get(), &one, sizeof(one));
  thread_.join();
}

void MetricsServer::Serve() {
  while (true) {
    pollfd fds[2] = {{listen_fd_.get(), POLLIN, 0}, {wake_fd_.get(), POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    sys::UniqueFd client(::accept4(listen_fd_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (client.valid()) Answer(client.get());
  }
}

void MetricsServer::Answer(int fd) {
  const timeval timeout{1, 0};  // a client that says nothing does not hold the endpoint
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  std::string request;
  char buf[1024];
  while (request.size() < 8192 && request.find("\r\n\r\n") == std::string::npos &&
         request.find("\n\n") == std::string::npos) {
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    request.append(buf, static_cast<size_t>(n));
  }
  const std::string line = request.substr(0, request.find_first_of("\r\n"));
  if (line.rfind("GET ", 0) != 0 && line.rfind("HEAD ", 0) != 0) {
    WriteAll(fd, Response("405 Method Not Allowed", "text/plain", "GET /metrics\n"));
    return;
  }
  const size_t path_start = line.find(' ') + 1;
  const std::string path = line.substr(path_start, line.find(' ', path_start) - path_start);
  if (path != "/metrics" && path != "/") {
    WriteAll(fd, Response("404 Not Found", "text/plain", "see /metrics\n"));
    return;
  }
  std::string response = Response("200 OK", "text/plain; version=0.0.4; charset=utf-8", render_());
  if (line.rfind("HEAD ", 0) == 0) response.resize(response.find("\r\n\r\n") + 4);
  WriteAll(fd, response);
}

}  // namespace ringdump::cli
