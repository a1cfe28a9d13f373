// The options `ringdump query` adds to tcpdump's: -r repeatable, --after, --before, --query-stats; the rest
// (-n, -w, --pcapng, the expression) parse as for -r.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "options.hpp"

namespace ringdump::cli {
namespace {

Result<CliOptions> ParseQuery(std::vector<std::string> args) {
  args.insert(args.begin(), "query");
  std::vector<char*> argv;
  for (auto& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);
  return ParseOptions(static_cast<int>(args.size()), argv.data());
}

TEST(CliQueryOptions, SeveralPathsAWindowAndAnExpression) {
  auto r = ParseQuery({"-r", "/data", "-r", "/old/*.pcap", "--after", "2026-12-04T09:15:00Z",
                       "--before=1796375760", "-n", "-w", "out.pcap", "--pcapng", "--query-stats", "host",
                       "10.0.0.7"});
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->read_paths, (std::vector<std::string>{"/data", "/old/*.pcap"}));
  EXPECT_EQ(r->query_after, "2026-12-04T09:15:00Z");
  EXPECT_EQ(r->query_before, "1796375760");
  EXPECT_EQ(r->numeric, 1);
  EXPECT_EQ(r->write_file, "out.pcap");
  EXPECT_TRUE(r->pcapng);
  EXPECT_TRUE(r->query_stats);
  EXPECT_EQ(r->filter, "host 10.0.0.7");
}

TEST(CliQueryOptions, AfterNeedsAnArgument) {
  auto r = ParseQuery({"-r", "/data", "--after"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "option '--after' requires an argument");
}

}  // namespace
}  // namespace ringdump::cli
