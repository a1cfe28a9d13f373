// The HTTP/1.1 messages of the listener (http_server.hpp) as text: the request as it is handed to a handler
// and the pure parsing that builds it (the request line and headers of one request; no body: the listener
// serves GET and HEAD only; the target split into a percent-decoded path and a query string; ParseQuery for
// the parameters), and the answer a short handler returns with the head that goes before its body.
// No sockets here, so all of it is tested on strings.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "ringdump/result.hpp"

namespace ringdump::cli {

struct HttpRequest {
  std::string method;   // as sent: "GET", "HEAD", ... (methods are case-sensitive)
  std::string path;     // percent-decoded, e.g. "/pcap"
  std::string query;    // the raw text after '?', not decoded (ParseQuery decodes it)
  bool http10 = false;  // an HTTP/1.0 client: no chunked encoding in the answer
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, values trimmed

  // The value of the first header called `name` (lower case), or nothing.
  std::optional<std::string_view> FindHeader(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. WWW-Authenticate

  // A text/plain answer; body should end with a newline.
  static HttpResponse Text(int status, std::string body);
};

// "HTTP/1.1 200 OK", Content-Type, `framing` (a Content-Length or Transfer-Encoding line, CRLF included),
// the extra headers, Cache-Control: no-store, Connection: close, and the empty line.
std::string FormatResponseHead(int status, const std::string& content_type,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               const std::string& framing);

// Why a request could not be parsed: the status to answer and a one-line reason for the body.
struct HttpParseError {
  int status = 400;
  std::string reason;
};

// Where the header block ends in `data` (the offset just past the empty line, CRLF or bare LF line ends),
// or nothing while it is incomplete.
std::optional<size_t> FindHeaderEnd(std::string_view data);

// Parses the header block (request line and headers, up to and including the empty line).
// 400 for anything malformed: a request line that is not `METHOD SP /target SP HTTP/1.x`, a target that is
// not origin-form, a bad percent escape in the path, a header line without a colon, an obsolete folded line.
std::variant<HttpRequest, HttpParseError> ParseHttpRequest(std::string_view head);

// Percent-decoding: "%2F" -> "/". With plus_is_space ('+' in a query string), '+' -> ' '. An error for a
// '%' not followed by two hex digits, or for a decoded NUL byte (no consumer wants one in a name or filter).
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// "after=10&filter=tcp%20port%2080&x" -> {after: "10", filter: "tcp port 80", x: ""}. Names and values are
// percent-decoded ('+' is a space); empty pieces ("a=1&&b=2") are skipped. An error names the parameter for
// a bad escape or a name given twice (which of two values was meant is not the server's guess).
Result<std::map<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace ringdump::cli
