// -F FILE: one reader for every command (-r, -d, live capture): tcpdump's comment rule and its messages.
#include "filter_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "capture_config.hpp"

namespace ringdump::cli {
namespace {

std::string WriteTemp(const std::string& text) {
  char name[] = "/tmp/rd-filter-XXXXXX";
  const int fd = mkstemp(name);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  close(fd);
  return name;
}

TEST(FilterFile, CommentsAreBlankedToTheEndOfTheLine) {
  const std::string path = WriteTemp("udp port 9 # the generator\nor icmp # pings\n");
  auto text = ReadFilterFile(path);
  ASSERT_TRUE(text.ok()) << text.error().message();
  EXPECT_EQ(text.value(), "udp port 9                \nor icmp        \n");
  unlink(path.c_str());
}

TEST(FilterFile, EveryCommandReadsTheSameExpression) {
  const std::string path = WriteTemp("udp port 9 # the generator\n");
  CliOptions options;
  options.filter_file = path;
  options.filter = "ignored";
  auto expression = FilterExpression(options);
  ASSERT_TRUE(expression.ok());
  EXPECT_EQ(expression.value().find('#'), std::string::npos);
  // The live capture's config takes its filter from the same reader.
  auto config = MakeCaptureConfig(options, "lo", /*printing=*/false);
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->filter, expression.value());
  unlink(path.c_str());
}

TEST(FilterFile, MissingFileIsNamedAsTcpdumpDoes) {
  auto text = ReadFilterFile("/nonexistent/filter.txt");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message(), "can't open /nonexistent/filter.txt: No such file or directory");
}

}  // namespace
}  // namespace ringdump::cli
