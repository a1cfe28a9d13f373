// RunRemoteQuery (see remote_query.hpp).
#include "remote_query.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "http_access.hpp"
#include "query_output.hpp"
#include "query_time.hpp"
#include "remote_fetch.hpp"
#include "report.hpp"

namespace ringdump::cli {
namespace {

// Renames each input's interfaces `node/iface` before QueryOutput sees them (inputs found by path: the
// plan may leave a file out).
class NodeNamingSink final : public QuerySink {
 public:
  NodeNamingSink(QuerySink& out, std::map<std::string, std::string> node_of_path)
      : out_(out), node_of_path_(std::move(node_of_path)) {}
  Status Begin(const std::vector<QueryInput>& inputs) override {
    std::vector<QueryInput> named = inputs;  // "reading from file NODE" rather than the temporary file
    for (QueryInput& in : named) {
      in.path = node_of_path_[in.path];
      nodes_.push_back(in.path);
    }
    return out_.Begin(named);
  }
  Status OnOpen(size_t input, const std::vector<CaptureInterface>& interfaces) override {
    std::vector<CaptureInterface> named = interfaces;
    for (size_t k = 0; k < named.size(); ++k)
      named[k].name = nodes_[input] + "/" + (named[k].name.empty() ? "if" + std::to_string(k) : named[k].name);
    return out_.OnOpen(input, named);
  }
  Result<bool> OnPacket(const QueryPacket& packet) override { return out_.OnPacket(packet); }

 private:
  QuerySink& out_;
  std::map<std::string, std::string> node_of_path_;
  std::vector<std::string> nodes_;  // per input
};

std::string QueryString(const CliOptions& o, const std::string& filter) {
  std::string q = "format=pcapng";
  if (!o.query_after.empty()) q += "&after=" + PercentEncode(o.query_after);
  if (!o.query_before.empty()) q += "&before=" + PercentEncode(o.query_before);
  if (!filter.empty()) q += "&filter=" + PercentEncode(filter);
  return q;
}

}  // namespace

Result<std::vector<std::string>> RemoteUrls(const CliOptions& options) {
  std::vector<std::string> urls = options.remotes;
  if (!options.remote_file.empty()) {
    std::ifstream in(options.remote_file);
    if (!in) return Error("can't open " + options.remote_file + ": " + std::strerror(errno)).Context("--remote-file");
    std::string line;
    while (std::getline(in, line)) {
      const size_t hash = line.find('#');
      if (hash != std::string::npos) line.resize(hash);
      const size_t b = line.find_first_not_of(" \t\r"), e = line.find_last_not_of(" \t\r");
      if (b != std::string::npos) urls.push_back(line.substr(b, e - b + 1));
    }
  }
  return urls;
}

int RunRemoteQuery(const CliOptions& o, const QueryOptions& query, const std::vector<std::string>& urls) {
  std::vector<RemoteUrl> nodes;
  for (const std::string& text : urls) {
    auto url = ParseRemoteUrl(text);
    if (!url.ok()) return ReportError(std::move(url).error().Context("query --remote"));
    nodes.push_back(std::move(url).value());
  }
  std::string token;
  if (!o.api_token_file.empty()) {
    auto loaded = LoadApiToken(o.api_token_file);
    if (!loaded.ok()) return ReportError(std::move(loaded).error().Context("query"));
    token = loaded.value();
  }
  char dir_template[] = "/tmp/ringdump-remote-XXXXXX";
  if (::mkdtemp(dir_template) == nullptr) return ReportError(Error("mkdtemp failed").Context("query --remote"));
  const std::string dir = dir_template;
  const std::string q = QueryString(o, query.filter);
  const auto timeout = std::chrono::milliseconds(o.remote_timeout_ms);

  std::vector<Status> results(nodes.size(), Ok());
  std::vector<std::string> files(nodes.size());
  std::vector<std::thread> threads;
  for (size_t k = 0; k < nodes.size(); ++k) {
    files[k] = dir + "/node-" + std::to_string(k) + ".pcapng";
    threads.emplace_back([&, k] { results[k] = FetchRemote(nodes[k], q, token, files[k], timeout); });
  }
  for (auto& t : threads) t.join();

  int status = 0;
  std::vector<std::string> fetched;
  std::map<std::string, std::string> names;
  for (size_t k = 0; k < nodes.size(); ++k) {
    if (results[k].ok()) {
      fetched.push_back(files[k]);
      names[files[k]] = nodes[k].node();
    } else {
      status = ReportError(Error(results[k].error()).Context("query --remote " + nodes[k].text));
    }
  }
  CliOptions out_options = o;
  if (!o.write_file.empty()) out_options.pcapng = true;  // one interface per node and interface
  QueryOutput output(out_options);
  Status opened = output.OpenFile();
  if (!opened.ok()) {
    std::filesystem::remove_all(dir);
    return ReportError(std::move(opened).error().Context("query -w"));
  }
  NodeNamingSink named(output, names);
  QueryOptions merge;  // the nodes applied the window and the filter
  merge.optimize = query.optimize;
  QueryReport report;
  bool committed = false;
  const int ran = RunQueryToOutput(fetched, merge, named, output, "query --remote", &report, &committed);
  std::filesystem::remove_all(dir);
  if (ran != 0) status = ran;
  return status;
}

}  // namespace ringdump::cli
