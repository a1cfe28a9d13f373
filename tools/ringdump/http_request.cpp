// Parsing one HTTP/1.1 request head and its query string, and the head of an answer (see http_request.hpp).
// The grammar is RFC 9112's, narrowed to what the listener answers: origin-form targets only, no bodies, no
// obsolete line folding.
#include "http_request.hpp"

#include <algorithm>
#include <cctype>

namespace ringdump::cli {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// tchar of RFC 9110: the characters of a method or a header name.
bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) ||
           std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
  });
}

// The next line of `rest` without its CR LF (or LF); advances rest past it.
std::string_view NextLine(std::string_view& rest) {
  const size_t nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

HttpParseError Bad(std::string reason) { return HttpParseError{400, std::move(reason)}; }

constexpr std::pair<int, const char*> kReasons[] = {
    {200, "OK"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {408, "Request Timeout"},
    {431, "Request Header Fields Too Large"},
    {500, "Internal Server Error"},
    {503, "Service Unavailable"},
};

const char* ReasonPhrase(int status) {
  for (const auto& [code, text] : kReasons)
    if (code == status) return text;
  return "Unknown";
}

}  // namespace

HttpResponse HttpResponse::Text(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

std::string FormatResponseHead(int status, const std::string& content_type,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               const std::string& framing) {
  std::string head = "HTTP/1.1 " + std::to_string(status) + " " + ReasonPhrase(status) +
                     "\r\nContent-Type: " + content_type + "\r\n" + framing;
  for (const auto& [name, value] : headers) head += name + ": " + value + "\r\n";
  return head + "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
}

std::optional<std::string_view> HttpRequest::FindHeader(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (key == name) return std::string_view(value);
  return std::nullopt;
}

std::optional<size_t> FindHeaderEnd(std::string_view data) {
  // An empty line: "\n\r\n" or "\n\n" (a bare LF is accepted as a line end, as most servers do).
  for (size_t nl = data.find('\n'); nl != std::string_view::npos; nl = data.find('\n', nl + 1)) {
    if (nl + 1 < data.size() && data[nl + 1] == '\n') return nl + 2;
    if (nl + 2 < data.size() && data[nl + 1] == '\r' && data[nl + 2] == '\n') return nl + 3;
  }
  return std::nullopt;
}

std::variant<HttpRequest, HttpParseError> ParseHttpRequest(std::string_view head) {
  HttpRequest request;
  std::string_view rest = head;
  const std::string_view line = NextLine(rest);
  const size_t sp1 = line.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
    return Bad("malformed request line");
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (!IsToken(method)) return Bad("malformed method");
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return Bad("unsupported protocol version");
  if (target.empty() || target[0] != '/') return Bad("the target must be a path starting with /");
  if (std::any_of(target.begin(), target.end(), [](unsigned char c) { return c <= 0x20 || c >= 0x7f; }))
    return Bad("control or non-ASCII character in the target");
  request.method = std::string(method);
  request.http10 = version == "HTTP/1.0";
  const size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  if (const size_t hash = raw_path.find('#'); hash != std::string_view::npos)
    raw_path = raw_path.substr(0, hash);
  auto path = PercentDecode(raw_path, false);
  if (!path.ok()) return Bad("bad percent-encoding in the path");
  request.path = std::move(path).value();
  if (question != std::string_view::npos) {
    std::string_view query = target.substr(question + 1);
    request.query = std::string(query.substr(0, query.find('#')));
  }
  while (!rest.empty()) {
    const std::string_view header = NextLine(rest);
    if (header.empty()) break;  // the end of the head
    if (header[0] == ' ' || header[0] == '\t') return Bad("obsolete line folding in the headers");
    const size_t colon = header.find(':');
    if (colon == std::string_view::npos || !IsToken(header.substr(0, colon)))
      return Bad("malformed header line");
    std::string name(header.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    request.headers.emplace_back(std::move(name), std::string(Trim(header.substr(colon + 1))));
  }
  return request;
}

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      if (i + 2 >= text.size()) return Error("truncated percent escape");
      const int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return Error("bad percent escape");
      if (hi == 0 && lo == 0) return Error("%00 is not accepted");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
  }
  return out;
}

Result<std::map<std::string, std::string>> ParseQuery(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view piece = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    if (piece.empty()) continue;
    const size_t eq = piece.find('=');
    auto name = PercentDecode(piece.substr(0, eq), true);
    if (!name.ok())
      return Error("query parameter " + std::string(piece.substr(0, eq)) + ": " + name.error().message());
    auto value =
        PercentDecode(eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1), true);
    if (!value.ok()) return Error("query parameter " + name.value() + ": " + value.error().message());
    if (!out.emplace(name.value(), std::move(value).value()).second)
      return Error("query parameter " + name.value() + " given twice");
  }
  return out;
}

}  // namespace ringdump::cli
