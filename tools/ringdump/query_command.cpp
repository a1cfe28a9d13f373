// RunQueryCommand (see query_command.hpp): the recipe is parse, expand the PATHs, open the output, run the
// query, report each file that could not be read, and give the -w file its name only if nothing fatal
// happened. A signal during the query removes the temporary -w file.
#include "query_command.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "capture_query.hpp"
#include "capture_set.hpp"
#include "options.hpp"
#include "query_output.hpp"
#include "query_time.hpp"
#include "remote_query.hpp"
#include "report.hpp"

namespace ringdump::cli {
namespace {

constexpr const char* kUsage =
    "usage: ringdump query { -r PATH | --remote URL | --remote-file FILE } ... [--after TIME] [--before TIME]\n"
    "\t\t[ -w FILE [--pcapng] [--print] | -n -e -v -X ... ] [ -c count ] [ expression ]\n"
    "PATH: a capture file, a directory of them or a glob; TIME: 2026-12-04T09:15:00Z, 2026-12-04T10:15:00\n"
    "(local time) or epoch seconds (1796375700.5); --after is inclusive, --before exclusive.\n";

// The temporary -w file, for the signal handler (the only global, as in capture_command.cpp).
char g_temp_path[4096];

void OnSignal(int sig) {
  if (g_temp_path[0] != '\0') ::unlink(g_temp_path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

Result<std::string> FilterText(const CliOptions& o) {
  if (o.filter_file.empty()) return o.filter;
  FILE* f = std::fopen(o.filter_file.c_str(), "rb");
  if (f == nullptr) return Error("can't open " + o.filter_file + ": " + std::strerror(errno));
  std::string text;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  std::fclose(f);
  for (size_t i = 0; i < text.size(); ++i)  // tcpdump's read_infile: '#' comments to the end of the line
    if (text[i] == '#')
      while (i < text.size() && text[i] != '\n') text[i++] = ' ';
  return text;
}

Result<QueryOptions> MakeQueryOptions(const CliOptions& o) {
  QueryOptions q;
  if (!o.query_after.empty()) {
    auto t = ParseQueryTime(o.query_after);
    if (!t.ok()) return std::move(t).error().Context("--after");
    q.window.after_ns = t.value();
  }
  if (!o.query_before.empty()) {
    auto t = ParseQueryTime(o.query_before);
    if (!t.ok()) return std::move(t).error().Context("--before");
    q.window.before_ns = t.value();
  }
  if (q.window.after_ns >= q.window.before_ns)
    return Error("--after " + o.query_after + " is not before --before " + o.query_before,
                 Error::Kind::kBadArgument);
  auto filter = FilterText(o);
  if (!filter.ok()) return std::move(filter).error();
  q.filter = filter.value();
  q.optimize = !o.dont_optimize;
  return q;
}

}  // namespace

int RunQueryCommand(int argc, char** argv) {
  auto parsed = ParseOptions(argc, argv);
  if (!parsed.ok()) {
    ReportError(std::move(parsed).error().Context("query"));
    std::fputs(kUsage, stderr);
    return 1;
  }
  const CliOptions& o = parsed.value();
  if (o.show_help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  const bool remote = !o.remotes.empty() || !o.remote_file.empty();
  if (o.read_paths.empty() == !remote) {
    std::fputs(kUsage, stderr);
    return ReportError(Error(remote ? "query: -r PATH or --remote, not both" : "query: -r PATH is required"));
  }
  auto query = MakeQueryOptions(o);
  if (!query.ok()) return ReportError(std::move(query).error().Context("query"));
  if (remote) {
    auto urls = RemoteUrls(o);
    if (!urls.ok()) return ReportError(std::move(urls).error().Context("query"));
    if (urls->empty()) return ReportError(Error("query: --remote-file names no URL"));
    return RunRemoteQuery(o, query.value(), urls.value());
  }

  ExpandedPaths paths = ExpandCapturePaths(o.read_paths);
  int status = 0;
  for (const Error& e : paths.errors) status = ReportError(Error(e).Context("query"));

  QueryOutput output(o);
  if (Status s = output.OpenFile(); !s.ok()) return ReportError(std::move(s).error().Context("query -w"));
  if (o.line_buffered) setvbuf(stdout, nullptr, _IOLBF, 0);
  if (!output.temp_path().empty()) {
    std::snprintf(g_temp_path, sizeof g_temp_path, "%s", output.temp_path().c_str());
    std::signal(SIGINT, OnSignal);
    std::signal(SIGTERM, OnSignal);
    std::signal(SIGHUP, OnSignal);
  }

  QueryReport report;
  bool committed = false;
  const int ran = RunQueryToOutput(paths.files, query.value(), output, output, "query", &report, &committed);
  if (ran != 0) status = ran;
  if (!committed) return status;
  g_temp_path[0] = '\0';
  if (o.query_stats) {  // for the benchmark and tests: what the plan did
    std::fprintf(
        stderr,
        "query: %zu files, %zu skipped, %zu scanned (no index), %zu read, %llu bytes planned, %llu packets\n",
        report.files, report.skipped, report.scanned, report.read,
        static_cast<unsigned long long>(report.planned_bytes),
        static_cast<unsigned long long>(report.packets));
  }
  return status;
}

}  // namespace ringdump::cli
