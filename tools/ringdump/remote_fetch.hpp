// The client side of /pcap for `ringdump query --remote URL` (issue #17 item 4): a plain HTTP/1.1 GET over
// TCP to a numeric address (no TLS, no redirects, no DNS: the nodes are named by address), the chunked body
// decoded into a local file. One exchange per call, bounded by a silence timeout; every failure says which
// node and what happened, so the caller can name it and go on with the others.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "ringdump/result.hpp"

namespace ringdump::cli {

struct RemoteUrl {
  std::string text;  // as given
  std::string host;  // numeric IPv4 or IPv6 (no brackets)
  uint16_t port = 80;
  std::string path = "/pcap";
  std::string node() const;  // "host:port" ("[v6]:port"), the name of the node's interfaces in the output
};

// "http://127.0.0.1:9464", "http://10.0.0.2:9464/pcap", "127.0.0.1:9464" (http:// assumed).
Result<RemoteUrl> ParseRemoteUrl(const std::string& text);

// Percent-encodes a query value (everything but unreserved characters).
std::string PercentEncode(const std::string& value);

// GET url.path?query into `out_path` (created; the decoded body). A non-200 answer is an error carrying the
// node's one-line reason; so is a body that ends without the terminating chunk, or `timeout` of silence.
Status FetchRemote(const RemoteUrl& url, const std::string& query, const std::string& token,
                   const std::string& out_path, std::chrono::milliseconds timeout);

}  // namespace ringdump::cli
