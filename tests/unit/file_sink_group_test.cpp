// WriterConfig::file_group: files of a capture readable by a group (0640, that group), never by the world.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "file_sink.hpp"

namespace ringdump {
namespace {

TEST(FileSinkGroup, FilesBelongToTheGroupWithMode0640) {
  if (geteuid() != 0) GTEST_SKIP() << "changing a file's group to another group needs root";
  const std::string dir = std::filesystem::temp_directory_path() / ("rd-group-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  WriterConfig config;
  config.path = dir + "/g.pcap";
  config.file_group = 65534;
  auto sink = FileSink::Create(config, LinkType::kEthernet, 262144, 1);
  ASSERT_TRUE(sink.ok()) << sink.error().message();
  ASSERT_TRUE(sink.value()->Finish().ok());
  struct stat st;
  ASSERT_EQ(stat(config.path.c_str(), &st), 0);
  EXPECT_EQ(st.st_gid, 65534u);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  WriterConfig plain = config;
  plain.path = dir + "/p.pcap";
  plain.file_group = -1;
  auto other = FileSink::Create(plain, LinkType::kEthernet, 262144, 1);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(other.value()->Finish().ok());
  ASSERT_EQ(stat(plain.path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ringdump
