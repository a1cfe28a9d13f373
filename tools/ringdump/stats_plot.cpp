// The stats plot command (see stats_plot.hpp): reads the CSV with ParseStatsCsv, writes the rows as JSON into
// the page template. The JSON is built here by hand (numbers and escaped strings only) so the tool needs no
// JSON library; strings are escaped so that nothing in a CSV cell can end the <script> element.
#include "stats_plot.hpp"

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "stats_plot_page.hpp"

namespace ringdump::cli {
namespace {

// As ReportError (report.hpp), kept local so that this file, and its test, stand alone.
int Fail(const Error& error) {
  std::fflush(stdout);
  std::fprintf(stderr, "ringdump: %s\n", error.message().c_str());
  return 1;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '<':
        out += "\\u003c";
        break;  // no "</script>" inside the script
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// "2026-11-22T06:23:39.123Z" -> milliseconds since the epoch.
bool ParseIsoMillis(const std::string& text, int64_t* ms) {
  struct tm tm {};
  unsigned millis = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3uZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &millis, &consumed) != 7 ||
      static_cast<size_t>(consumed) != text.size())
    return false;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  *ms = static_cast<int64_t>(timegm(&tm)) * 1000 + millis;
  return true;
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return buf;
}

}  // namespace

Result<std::string> BuildStatsReportHtml(const std::vector<StatsRow>& rows, const std::string& source) {
  std::vector<std::string> order;  // queues in the order they first appear, "total" last
  std::map<std::string, std::string> points;
  int64_t t0 = INT64_MAX, t1 = INT64_MIN;
  for (size_t i = 0; i < rows.size(); ++i) {
    const StatsRow& r = rows[i];
    int64_t t;
    if (!ParseIsoMillis(r.time, &t))
      return Error("bad time \"" + r.time + "\" in row " + std::to_string(i + 1) + " <- " + source,
                   Error::Kind::kBadArgument);
    t0 = std::min(t0, t);
    t1 = std::max(t1, t);
    auto [it, added] = points.try_emplace(r.queue);
    if (added) order.push_back(r.queue);
    if (!it->second.empty()) it->second += ",";
    it->second += "{\"t\":" + std::to_string(t) + ",\"time\":" + JsonString(r.time) +
                  ",\"pps\":" + Number(r.packets_per_s) + ",\"mbps\":" + Number(r.mbit_per_s) +
                  ",\"drops\":" + std::to_string(r.kernel_drops) +
                  ",\"packets_total\":" + std::to_string(r.packets_total) +
                  ",\"drops_total\":" + std::to_string(r.kernel_drops_total) +
                  ",\"freezes_total\":" + std::to_string(r.freezes_total) +
                  ",\"stalls_total\":" + std::to_string(r.writer_stalls_total) +
                  ",\"files_total\":" + std::to_string(r.files_total) + "}";
  }
  if (rows.empty()) t0 = t1 = 0;
  std::stable_partition(order.begin(), order.end(), [](const std::string& q) { return q != "total"; });
  std::string json = "{\"source\":" + JsonString(source) + ",\"rows\":" + std::to_string(rows.size()) +
                     ",\"t0\":" + std::to_string(t0) + ",\"t1\":" + std::to_string(t1) + ",\"series\":[";
  for (size_t i = 0; i < order.size(); ++i) {
    if (i) json += ",";
    json += "{\"queue\":" + JsonString(order[i]) + ",\"points\":[" + points[order[i]] + "]}";
  }
  json += "]}";
  std::string page = kStatsPageTemplate;
  const size_t at = page.find(kStatsDataMarker);
  page.replace(at, std::strlen(kStatsDataMarker), json);
  return page;
}

int RunStatsCommand(int argc, char** argv) {
  const std::string usage = "usage: ringdump stats plot STATS.csv [-o REPORT.html]";
  if (argc < 2 || std::strcmp(argv[1], "plot") != 0)
    return Fail(Error(argc < 2 ? usage : "unknown stats command " + std::string(argv[1]) + "; " + usage));
  std::string input, output;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-o" && i + 1 < argc) {
      output = argv[++i];
    } else if (arg.rfind("-o", 0) == 0 && arg.size() > 2) {
      output = arg.substr(2);
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      return Fail(Error("unknown option " + arg + "; " + usage));
    } else if (input.empty()) {
      input = arg;
    } else {
      return Fail(Error("more than one statistics file; " + usage));
    }
  }
  if (input.empty()) return Fail(Error(usage));
  if (output.empty())
    output =
        input.substr(0, input.rfind('.') == std::string::npos ? input.size() : input.rfind('.')) + ".html";

  std::stringstream text;
  if (input == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(input, std::ios::binary);
    if (!in) return Fail(Error(std::string(std::strerror(errno)) + " <- " + input));
    text << in.rdbuf();
  }
  auto rows = ParseStatsText(text.str());
  if (!rows.ok()) return Fail(Error(rows.error().message() + " <- " + input));
  auto page = BuildStatsReportHtml(rows.value(), input == "-" ? "standard input" : input);
  if (!page.ok()) return Fail(page.error());
  if (output == "-") {
    std::fwrite(page->data(), 1, page->size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : Fail(Error("write error <- standard output"));
  }
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out.write(page->data(), static_cast<std::streamsize>(page->size()));
  out.close();
  if (!out) return Fail(Error(std::string(std::strerror(errno)) + " <- " + output));
  std::fprintf(stderr, "ringdump: wrote %s (%zu rows, %zu bytes)\n", output.c_str(), rows->size(),
               page->size());
  return 0;
}

}  // namespace ringdump::cli
