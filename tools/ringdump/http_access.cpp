// The listener's address syntax and access policy (see http_access.hpp).
#include "http_access.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "sys/unique_fd.hpp"

namespace ringdump::cli {
namespace {

constexpr size_t kMaxTokenBytes = 4096;

Error TokenError(const std::string& path, const std::string& what) {
  return Error(path + ": " + what + " <- --api-token-file", Error::Kind::kBadArgument);
}

}  // namespace

Result<ListenAddress> ParseListenAddress(const std::string& text, const std::string& flag) {
  const Error bad("invalid " + flag + " " + text + " (expected 127.0.0.1:PORT, [::1]:PORT or PORT)",
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
  ListenAddress a;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&a.addr);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&a.addr);
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    a.loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(number));
    a.len = sizeof(*v4);
    return a;
  }
  if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    a.loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(number));
    a.len = sizeof(*v6);
    return a;
  }
  return bad;
}

Status CheckListenPolicy(const ListenAddress& address, const std::string& text, const std::string& flag,
                         bool have_token) {
  if (address.loopback || have_token) return Ok();
  return Error(flag + " " + text +
                   ": only loopback addresses (127.0.0.0/8, ::1) are served without --api-token-file "
                   "(every request then needs its bearer token)",
               Error::Kind::kBadArgument);
}

Result<std::string> LoadApiToken(const std::string& path) {
  sys::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) return TokenError(path, std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return TokenError(path, std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return TokenError(path, "not a regular file");
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    return TokenError(path, "readable or writable by group or others (chmod 600 " + path + ")");
  std::string token;
  char buf[1024];
  ssize_t n;
  while ((n = ::read(fd.get(), buf, sizeof(buf))) > 0) {
    token.append(buf, static_cast<size_t>(n));
    if (token.size() > kMaxTokenBytes) return TokenError(path, "longer than 4096 bytes");
  }
  if (n < 0) return TokenError(path, std::strerror(errno));
  if (!token.empty() && token.back() == '\n') token.pop_back();
  if (!token.empty() && token.back() == '\r') token.pop_back();
  if (token.empty()) return TokenError(path, "empty");
  for (const unsigned char c : token)
    if (c <= 0x20 || c >= 0x7f) return TokenError(path, "not one line of printable ASCII without spaces");
  return token;
}

bool BearerTokenMatches(std::string_view header_value, std::string_view token) {
  constexpr std::string_view kScheme = "Bearer ";
  if (header_value.size() < kScheme.size()) return false;
  // The scheme is case-insensitive (RFC 9110 11.1); it is not secret, so an ordinary compare is fine.
  for (size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(header_value[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i])))
      return false;
  const std::string_view presented = header_value.substr(kScheme.size());
  // Every byte of the presented token is compared, against the expected one or against itself when the
  // expected one is shorter; the length difference is folded in at the end.
  unsigned diff = presented.size() == token.size() ? 0 : 1;
  for (size_t i = 0; i < presented.size(); ++i) {
    const unsigned char want =
        i < token.size() ? static_cast<unsigned char>(token[i]) : static_cast<unsigned char>(presented[i]);
    diff |= static_cast<unsigned char>(presented[i]) ^ want;
  }
  return diff == 0 && !token.empty();
}

}  // namespace ringdump::cli
