// GET /pcap (see pcap_endpoint.hpp): parameter checks on the event thread, the query on the producer's.
// The bytes QueryOutput encodes for one packet are held until the packet is whole, so the max_bytes limit
// cuts between records and the client gets at most one record per Write call plus what was buffered.
#include "pcap_endpoint.hpp"

#include <unistd.h>

#include <cstdio>
#include <memory>

#include "capture_query.hpp"
#include "capture_set.hpp"
#include "options.hpp"
#include "pcap_device.hpp"
#include "query_output.hpp"
#include "query_time.hpp"
#include "repair.hpp"

namespace ringdump::cli {
namespace {

constexpr size_t kFlushBytes = 64 << 10;  // hand the listener this much at a time

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash + 1);
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Wraps QueryOutput: counts what it encodes, keeps the bytes of the packet being encoded apart, and either
// commits them to the pending buffer or, past max_bytes, drops them and stops the query.
class StreamingSink final : public QuerySink {
 public:
  StreamingSink(const CliOptions& options, BodySink& body, uint64_t max_bytes)
      : output_(options, [this](const void* b, size_t n) { return Take(b, n); }),
        body_(body),
        max_bytes_(max_bytes) {}

  Status Begin(const std::vector<QueryInput>& inputs) override {
    return output_.Begin(inputs);
  }
  Status OnOpen(size_t input, const std::vector<CaptureInterface>& interfaces) override {
    return output_.OnOpen(input, interfaces);
  }
  Result<bool> OnPacket(const QueryPacket& packet) override {
    const size_t record_start = pending_.size();
    auto more = output_.OnPacket(packet);
    if (!more.ok()) return more;
    if (sent_ + pending_.size() > max_bytes_) {  // this record does not fit: end before it
      pending_.resize(record_start);
      limited_ = true;
      return false;
    }
    if (pending_.size() >= kFlushBytes && !Flush()) return Error("the client went away");
    return more;
  }
  // The header of an empty answer, then whatever is still buffered.
  bool Finish() {
    if (!output_.Commit().ok()) return false;
    if (sent_ + pending_.size() > max_bytes_) pending_.clear();  // not even a header fits
    return Flush();
  }
  bool limited() const { return limited_; }

 private:
  Status Take(const void* bytes, size_t n) {
    const auto* p = static_cast<const uint8_t*>(bytes);
    pending_.insert(pending_.end(), p, p + n);
    return Ok();
  }
  bool Flush() {
    if (pending_.empty()) return body_.Write({});
    const bool ok = body_.Write(pending_);
    sent_ += pending_.size();
    pending_.clear();
    return ok;
  }

  QueryOutput output_;
  BodySink& body_;
  uint64_t max_bytes_;
  uint64_t sent_ = 0;
  std::vector<uint8_t> pending_;
  bool limited_ = false;
};

struct PcapRequest {
  QueryOptions query;
  uint64_t max_bytes = UINT64_MAX;
  bool pcapng = false;
};

// The parameters, or the one-line reason for a 400.
Result<PcapRequest> ParsePcapRequest(const HttpRequest& request, const PcapStore& store) {
  auto params = ParseQuery(request.query);
  if (!params.ok()) return std::move(params).error();
  PcapRequest r;
  for (const auto& [key, value] : params.value()) {
    if (key == "after" || key == "before") {
      auto t = ParseQueryTime(value);
      if (!t.ok()) return Error(key + ": " + t.error().message(), Error::Kind::kBadArgument);
      (key == "after" ? r.query.window.after_ns : r.query.window.before_ns) = t.value();
    } else if (key == "filter") {
      r.query.filter = value;
    } else if (key == "max_bytes") {
      char* end = nullptr;
      errno = 0;
      const unsigned long long n = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || value[0] == '-' || *end != '\0' || errno != 0)
        return Error("max_bytes: not a number of bytes: " + value, Error::Kind::kBadArgument);
      r.max_bytes = n;
    } else if (key == "format") {
      if (value != "pcap" && value != "pcapng")
        return Error("format: pcap or pcapng, not " + value, Error::Kind::kBadArgument);
      r.pcapng = value == "pcapng";
    } else {
      return Error("unknown parameter " + key + " (after, before, filter, max_bytes, format)",
                   Error::Kind::kBadArgument);
    }
  }
  if (r.query.window.after_ns >= r.query.window.before_ns)
    return Error("after is not before before", Error::Kind::kBadArgument);
  if (!r.query.filter.empty()) {
    auto program = CompileOfflineFilter(r.query.filter, store.dlt, store.snaplen, true);
    if (!program.ok()) return Error("filter: " + program.error().message(), Error::Kind::kBadFilter);
  }
  return r;
}

}  // namespace

std::vector<std::string> PcapStoreFiles(const PcapStore& store) {
  const std::string base = BaseName(store.write_path);
  const std::string own_spare = "..ringdump-next-" + std::to_string(::getpid()) + "-";
  std::vector<std::string> files;
  for (std::string& path : ExpandCapturePaths({DirectoryOf(store.write_path)}).files) {
    const std::string name = BaseName(path);
    bool belongs;
    if (IsSpare(name)) {
      belongs = store.member && name.starts_with(own_spare);  // this process's rotation spare
    } else {
      std::string final_name = name[0] == '.' ? BaseName(FinalNameOfPart(path)) : name;
      if (final_name.ends_with(".gz")) final_name.resize(final_name.size() - 3);
      belongs = store.member ? store.member(final_name) : final_name == base;
    }
    if (belongs) files.push_back(std::move(path));
  }
  return files;
}

void RegisterPcapEndpoint(HttpServer* http, PcapStore store) {
  if (http == nullptr) return;
  auto shared = std::make_shared<const PcapStore>(std::move(store));
  http->HandleStream("/pcap", [shared](const HttpRequest& request) {
    if (shared->write_path.empty() || shared->write_path == "-")
      return StreamReply::Fail(404, "this capture writes no file (-w): nothing to query");
    auto parsed = ParsePcapRequest(request, *shared);
    if (!parsed.ok()) return StreamReply::Fail(400, parsed.error().message());
    PcapRequest r = std::move(parsed).value();
    StreamReply reply = StreamReply::Stream(
        r.pcapng ? "application/x-pcapng" : "application/vnd.tcpdump.pcap", [shared, r](BodySink& body) {
          CliOptions options;
          options.pcapng = r.pcapng;
          StreamingSink sink(options, body, r.max_bytes);
          auto report = RunQuery(PcapStoreFiles(*shared), r.query, sink);
          if (!report.ok()) {
            std::fprintf(stderr, "ringdump: /pcap: %s\n", report.error().message().c_str());
            return false;
          }
          for (const Error& e : report->file_errors)
            std::fprintf(stderr, "ringdump: /pcap: %s\n", e.message().c_str());
          return sink.Finish();
        });
    return reply;
  });
}

}  // namespace ringdump::cli
