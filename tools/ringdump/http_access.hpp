// Who may reach the HTTP listener (--metrics-listen): the address syntax and the access policy. A loopback
// address is served to any local process, as before; any other address is refused unless an API token is
// configured (--api-token-file), and then every request must carry `Authorization: Bearer <token>`. The
// token file must be private to its owner, like an ssh key: a token others can read protects nothing.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <string>
#include <string_view>

#include "ringdump/result.hpp"

namespace ringdump::cli {

struct ListenAddress {
  sockaddr_storage addr{};
  socklen_t len = 0;
  bool loopback = false;  // 127.0.0.0/8 or ::1
};

// "127.0.0.1:9100", "[::1]:9100", "0.0.0.0:9100", "[::]:9100", ":9100" or "9100" (both 127.0.0.1); port 0
// picks a free one. Numeric addresses only. `flag` names the option in the error.
Result<ListenAddress> ParseListenAddress(const std::string& text, const std::string& flag);

// The policy: a non-loopback address needs a token. The error names the flag and the way out.
Status CheckListenPolicy(const ListenAddress& address, const std::string& text, const std::string& flag,
                         bool have_token);

// Reads --api-token-file: a regular file, not readable or writable by group or others, holding one line of
// printable ASCII (a trailing newline is stripped). The error names the file and what is wrong with it.
Result<std::string> LoadApiToken(const std::string& path);

// Whether an Authorization header value is "Bearer <token>" for this token, compared in time that does not
// depend on where the bytes first differ (nor on the expected token's length beyond the presented one's).
bool BearerTokenMatches(std::string_view header_value, std::string_view token);

}  // namespace ringdump::cli
