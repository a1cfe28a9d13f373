// `ringdump stats plot`: the page is self-contained (no network references), carries the CSV's data, and,
// rendered in headless Chromium (skipped when it is not installed), draws one series per queue plus the total
// with points at the CSV's values, the summary table, and a screenshot.
// The tool's sources are not in a library, so the files under test are compiled into this test directly.
#include "stats_plot.hpp"
#include "stats_plot_page.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <regex>

namespace ringdump::cli {
namespace {

std::string Shell(const std::string& command) {
  std::string out;
  FILE* f = popen(command.c_str(), "r");
  if (f == nullptr) return out;
  std::array<char, 65536> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) out.append(buf.data(), n);
  pclose(f);
  return out;
}

std::string Chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const std::string path = Shell(std::string("command -v ") + name + " 2>/dev/null");
    if (!path.empty()) return path.substr(0, path.find('\n'));
  }
  return "";
}

// Five one-second intervals on two queues: queue 0 at 1000, 2000, ... packets/s, queue 1 at 10 packets/s,
// 40 kernel drops on queue 0 in the third interval.
std::string SampleCsv() {
  std::string csv = StatsCsvHeader();
  StatsSnapshot previous;
  previous.stats.queues.resize(2);
  for (int i = 1; i <= 5; ++i) {
    StatsSnapshot s = previous;
    s.sec = 1763792619 + i;
    s.nsec = 0;
    s.elapsed = i;
    s.files = i >= 4 ? 2 : 1;
    s.stats.queues[0].packets_seen += 1000 * i;
    s.stats.queues[0].bytes_written += 125000 * i;  // i Mbit/s
    s.stats.queues[0].kernel_dropped += i == 3 ? 40 : 0;
    s.stats.queues[1].packets_seen += 10;
    csv += FormatStatsRows(StatsFormat::kCsv, previous, s);
    previous = s;
  }
  return csv;
}

struct TempDir {
  std::string path;
  TempDir() {
    char name[] = "/tmp/ringdump_plot_XXXXXX";
    path = mkdtemp(name);
  }
  ~TempDir() { Shell("rm -rf '" + path + "'"); }
};

TEST(StatsPlot, PageIsSelfContainedAndCarriesTheData) {
  auto rows = ParseStatsCsv(SampleCsv());
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  auto page = BuildStatsReportHtml(rows.value(), "run</script><b>.csv");
  ASSERT_TRUE(page.ok()) << page.error().message();
  const std::string& html = page.value();
  EXPECT_EQ(
      html.find("http://") == std::string::npos || html.find("http://") == html.find("http://www.w3.org"),
      true)
      << "only the SVG namespace URI, never a fetched URL";
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find(kStatsDataMarker), std::string::npos) << "data was inserted";
  EXPECT_NE(html.find("\"source\":\"run\\u003c/script\\u003e\\u003cb\\u003e.csv\""), std::string::npos)
      << "a file name cannot end the script";
  EXPECT_NE(html.find("\"queue\":\"total\""), std::string::npos);
  EXPECT_NE(html.find("\"pps\":3000,"), std::string::npos);
}

TEST(StatsPlot, BadTimeIsReported) {
  StatsRow row;
  row.time = "yesterday";
  auto page = BuildStatsReportHtml({row}, "x.csv");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().message(), "bad time \"yesterday\" in row 1 <- x.csv");
}

TEST(StatsPlot, ChromiumRendersTheCsvValues) {
  const std::string chromium = Chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (apt-get install chromium)";
  TempDir dir;
  auto rows = ParseStatsCsv(SampleCsv());
  ASSERT_TRUE(rows.ok());
  auto page = BuildStatsReportHtml(rows.value(), "sample.csv");
  ASSERT_TRUE(page.ok());
  const std::string html_path = dir.path + "/report.html";
  std::ofstream(html_path) << page.value();
  const std::string flags =
      " --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
      " --disable-component-update --disable-sync --user-data-dir=" +
      dir.path + "/profile ";
  const std::string dom =
      Shell("timeout 90 " + chromium + flags + "--dump-dom file://" + html_path + " 2>/dev/null");
  ASSERT_NE(dom.find("data-rendered=\"true\""), std::string::npos) << "the script did not finish:\n"
                                                                   << dom.substr(0, 2000);
  for (const char* chart : {"pps", "mbps", "drops"})
    EXPECT_NE(dom.find(std::string("data-chart=\"") + chart + "\""), std::string::npos) << chart;
  // Points of each series, by chart: pull (queue, time, value) out of the DOM.
  std::map<std::string, std::vector<std::string>> values;  // "chart/queue" -> data-value list
  const std::regex chart_re("data-chart=\"(\\w+)\"");
  const std::regex series_re("<g class=\"series\" data-queue=\"(\\w+)\"");
  const std::regex point_re("<circle [^>]*data-value=\"([0-9.]+)\"");
  std::string chart, queue;
  const std::regex token_re("data-chart=\"\\w+\"|<g class=\"series\" data-queue=\"\\w+\"|<circle [^>]*>");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), token_re); it != std::sregex_iterator(); ++it) {
    const std::string m = it->str();
    std::smatch sm;
    if (std::regex_search(m, sm, chart_re))
      chart = sm[1];
    else if (std::regex_search(m, sm, series_re))
      queue = sm[1];
    else if (std::regex_search(m, sm, point_re))
      values[chart + "/" + queue].push_back(sm[1]);
  }
  EXPECT_EQ(values["pps/0"], (std::vector<std::string>{"1000", "2000", "3000", "4000", "5000"}));
  EXPECT_EQ(values["pps/1"], (std::vector<std::string>{"10", "10", "10", "10", "10"}));
  EXPECT_EQ(values["pps/total"], (std::vector<std::string>{"1010", "2010", "3010", "4010", "5010"}));
  EXPECT_EQ(values["mbps/0"], (std::vector<std::string>{"1", "2", "3", "4", "5"}));
  EXPECT_EQ(values["drops/0"], (std::vector<std::string>{"0", "0", "40", "0", "0"}));
  EXPECT_EQ(values.size(), 9u) << "three charts, three series each";
  EXPECT_NE(dom.find(">queue 1</text>"), std::string::npos) << "legend";
  EXPECT_NE(dom.find("<tr data-queue=\"0\"><td>0</td><td>15000</td><td>40</td>"), std::string::npos)
      << "summary row of queue 0";
  EXPECT_NE(dom.find("<tr data-queue=\"total\"><td>total</td><td>15050</td><td>40</td>"), std::string::npos);
  EXPECT_NE(dom.find("sample.csv: 15 rows"), std::string::npos);

  const std::string png = dir.path + "/report.png";
  Shell("timeout 90 " + chromium + flags + "--window-size=1000,1300 --screenshot=" + png + " file://" +
        html_path + " >/dev/null 2>&1");
  std::ifstream in(png, std::ios::binary);
  ASSERT_TRUE(in) << "no screenshot";
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  EXPECT_GT(bytes.size(), 20000u) << "a page with three charts is more than a blank screenshot";
  if (const char* keep = std::getenv("RINGDUMP_KEEP_SCREENSHOT")) Shell("cp " + png + " '" + keep + "'");
}

}  // namespace
}  // namespace ringdump::cli
