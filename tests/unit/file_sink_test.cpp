// FileSink: concurrent appenders, records across chunks, -U visibility, fault injection (short writes,
// -EAGAIN, -EIO, -ENOSPC), the ordered path for pipes and standard output, O_DIRECT and its fallback, and
// files read back by libpcap, tcpdump and tshark. Every packet carries its sequence number and bytes derived
// from it, so the reader checks identity, order and integrity of each record.
#include "file_sink.hpp"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pcap/pcap.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "file_sink_format.hpp"
#include "pcap_format.hpp"

namespace ringdump {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// ---- Packets with a sequence number: seq = queue << 32 | index. ----

uint32_t CaplenFor(uint64_t seq) {
  if (seq % 97 == 0) return 9000;  // jumbo: spans small chunks
  return 60 + static_cast<uint32_t>((seq * 7919) % 1450);
}
uint8_t ByteAt(uint64_t seq, size_t i) { return static_cast<uint8_t>(seq * 31 + i * 7 + (seq >> 32)); }

struct PacketSet {
  std::vector<std::vector<uint8_t>> bytes;
  std::vector<PacketView> views;
};

PacketSet MakePackets(uint32_t queue, uint32_t count) {
  PacketSet set;
  set.bytes.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    const uint64_t seq = uint64_t{queue} << 32 | i;
    std::vector<uint8_t> b(CaplenFor(seq));
    std::memcpy(b.data(), &seq, sizeof(seq));
    for (size_t k = sizeof(seq); k < b.size(); ++k) b[k] = ByteAt(seq, k);
    set.bytes.push_back(std::move(b));
  }
  for (uint32_t i = 0; i < count; ++i) {
    const uint64_t seq = uint64_t{queue} << 32 | i;
    PacketView v;
    v.data = set.bytes[i].data();
    v.caplen = static_cast<uint32_t>(set.bytes[i].size());
    v.len = v.caplen + (seq % 5 == 0 ? 4 : 0);
    v.sec = 1700000000 + i / 1000;
    v.nsec = static_cast<uint32_t>((seq * 13 + 999) % 1000000000);
    v.direction = seq % 3 == 0   ? Direction::kUnknown
                  : seq % 3 == 1 ? Direction::kInbound
                                 : Direction::kOutbound;
    set.views.push_back(v);
  }
  return set;
}

// Hands `set` to the sink in batches of 1..64 packets, like a worker walking ring blocks; with idle_every,
// calls Idle() after every that many batches (partial flushes racing with the other queues' appends).
void Feed(FileSink& sink, uint32_t queue, const PacketSet& set, QueueStats& stats, uint32_t seed,
          uint32_t idle_every = 0) {
  std::mt19937 rng(seed);
  size_t i = 0;
  for (uint32_t batches = 1; i < set.views.size(); ++batches) {
    const size_t n = std::min<size_t>(1 + rng() % 64, set.views.size() - i);
    sink.Consume(queue, PacketBatch(set.views.data() + i, n), stats);
    i += n;
    if (idle_every != 0 && batches % idle_every == 0) sink.Idle(queue, stats);
  }
}

// ---- Reading back with libpcap. ----

struct Record {
  int64_t sec;
  uint32_t frac;
  uint32_t caplen, len;
  std::vector<uint8_t> bytes;
};
struct ReadBack {
  std::vector<Record> records;
  int end = 0;  // pcap_next_ex's last result: PCAP_ERROR_BREAK (-2) is a clean end of file
  std::string error;
  bool opened = false;
};

ReadBack ReadPcap(pcap_t* pcap, const char* err) {
  ReadBack r;
  if (pcap == nullptr) {
    r.error = err;
    return r;
  }
  r.opened = true;
  pcap_pkthdr* h;
  const u_char* d;
  while ((r.end = pcap_next_ex(pcap, &h, &d)) == 1)
    r.records.push_back(
        {h->ts.tv_sec, static_cast<uint32_t>(h->ts.tv_usec), h->caplen, h->len, {d, d + h->caplen}});
  if (r.end == PCAP_ERROR) r.error = pcap_geterr(pcap);
  pcap_close(pcap);
  return r;
}
ReadBack ReadFile(const std::string& path, TimestampPrecision p = TimestampPrecision::kMicro) {
  char err[PCAP_ERRBUF_SIZE] = {};
  const u_int precision =
      p == TimestampPrecision::kNano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO;
  return ReadPcap(pcap_open_offline_with_tstamp_precision(path.c_str(), precision, err), err);
}
ReadBack ReadBytes(std::vector<uint8_t>& bytes) {
  char err[PCAP_ERRBUF_SIZE] = {};
  FILE* f = fmemopen(bytes.data(), bytes.size(), "rb");
  return ReadPcap(f ? pcap_fopen_offline(f, err) : nullptr, err);
}

uint64_t SeqOf(const Record& r) {
  uint64_t seq = ~uint64_t{0};
  if (r.bytes.size() >= sizeof(seq)) std::memcpy(&seq, r.bytes.data(), sizeof(seq));
  return seq;
}

// Checks each record against the packet it claims to be; returns, per queue, the indexes in file order.
std::map<uint32_t, std::vector<uint32_t>> CheckRecords(const std::vector<Record>& records,
                                                       bool nano = false) {
  std::map<uint32_t, std::vector<uint32_t>> seen;
  for (const Record& r : records) {
    const uint64_t seq = SeqOf(r);
    const uint32_t queue = static_cast<uint32_t>(seq >> 32), index = static_cast<uint32_t>(seq);
    EXPECT_EQ(r.caplen, CaplenFor(seq)) << "seq " << seq;
    EXPECT_EQ(r.len, r.caplen + (seq % 5 == 0 ? 4 : 0)) << "seq " << seq;
    EXPECT_EQ(r.sec, 1700000000 + index / 1000) << "seq " << seq;
    const uint32_t nsec = static_cast<uint32_t>((seq * 13 + 999) % 1000000000);
    EXPECT_EQ(r.frac, nano ? nsec : nsec / 1000) << "seq " << seq;
    bool intact = r.bytes.size() == CaplenFor(seq);
    for (size_t k = sizeof(seq); intact && k < r.bytes.size(); ++k) intact = r.bytes[k] == ByteAt(seq, k);
    EXPECT_TRUE(intact) << "bytes of seq " << seq;
    seen[queue].push_back(index);
  }
  return seen;
}

// Every queue's records are 0, 1, 2, ... count-1 in file order (each exactly once, a queue in order).
void ExpectPrefixes(const std::map<uint32_t, std::vector<uint32_t>>& seen,
                    const std::map<uint32_t, size_t>& count) {
  for (const auto& [queue, n] : count) {
    auto it = seen.find(queue);
    const size_t have = it == seen.end() ? 0 : it->second.size();
    ASSERT_EQ(have, n) << "queue " << queue;
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(it->second[i], i) << "queue " << queue;
  }
}

class TempDir {
 public:
  explicit TempDir(const std::string& base = "/var/tmp") {
    std::string tmpl = base + "/ringdump_file_sink_XXXXXX";
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    if (!path_.empty()) {
      chmod(path_.c_str(), 0700);
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path_)) names.push_back(e.path().filename());
    return names;
  }

 private:
  std::string path_;
};

WriterConfig Config(const std::string& path, uint32_t chunk_size = 64 << 10, uint32_t chunk_count = 4) {
  WriterConfig c;
  c.path = path;
  c.chunk_size = chunk_size;
  c.chunk_count = chunk_count;
  return c;
}

std::unique_ptr<FileSink> MustCreate(const WriterConfig& c, FileSinkTestHooks hooks = {},
                                     uint32_t queues = 1) {
  auto sink = FileSink::Create(c, LinkType::kEthernet, 65535, queues, std::move(hooks));
  EXPECT_TRUE(sink.ok()) << (sink.ok() ? "" : sink.error().message());
  return sink.ok() ? std::move(sink).value() : nullptr;
}

// Runs `queues` workers, each feeding `per_queue` packets; returns their stats.
std::vector<QueueStats> RunWorkers(FileSink& sink, uint32_t queues, uint32_t per_queue,
                                   uint32_t idle_every = 0) {
  std::vector<PacketSet> sets;
  for (uint32_t q = 0; q < queues; ++q) sets.push_back(MakePackets(q, per_queue));
  std::vector<QueueStats> stats(queues);
  std::vector<std::thread> threads;
  for (uint32_t q = 0; q < queues; ++q)
    threads.emplace_back([&, q] { Feed(sink, q, sets[q], stats[q], 1000 + q, idle_every); });
  for (auto& t : threads) t.join();
  return stats;
}

QueueStats Sum(const std::vector<QueueStats>& stats) { return CaptureStats{stats}.Total(); }

// Writes with `queues` threads, checks every record is in the file once, intact, each queue in order.
void ExpectRoundTrip(const WriterConfig& c, FileSinkTestHooks hooks, uint32_t queues, uint32_t per_queue,
                     uint32_t idle_every = 0) {
  auto sink = MustCreate(c, std::move(hooks), queues);
  ASSERT_NE(sink, nullptr);
  const QueueStats total = Sum(RunWorkers(*sink, queues, per_queue, idle_every));
  const Status finished = sink->Finish();
  ASSERT_TRUE(finished.ok()) << finished.error().message();
  EXPECT_EQ(total.packets_written, uint64_t{queues} * per_queue);
  EXPECT_EQ(total.sink_dropped, 0u);
  EXPECT_EQ(sink->lost_after_accept(), 0u);
  PcapngInterface interface;
  interface.snaplen = 65535;
  interface.precision = c.precision;
  const size_t header = FileHeader(c.format, interface).size();
  EXPECT_EQ(fs::file_size(c.path), total.bytes_written + header);
  const ReadBack back = ReadFile(c.path, c.precision);
  ASSERT_TRUE(back.opened) << back.error;
  EXPECT_EQ(back.end, PCAP_ERROR_BREAK) << back.error;
  std::map<uint32_t, size_t> expected;
  for (uint32_t q = 0; q < queues; ++q) expected[q] = per_queue;
  ExpectPrefixes(CheckRecords(back.records, c.precision == TimestampPrecision::kNano), expected);
}

TEST(FileSink, ConcurrentAppendersWriteEveryRecordOnce) {
  TempDir dir;
  FileSinkTestHooks hooks;
  hooks.flush_interval_ns = 0;  // partial flushes at every Idle(), racing with the other queues' appends
  ExpectRoundTrip(Config(dir.File("four.pcap")), hooks, 4, 25000, /*idle_every=*/7);
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"four.pcap"}) << "temporary file left behind";
  struct stat st;
  ASSERT_EQ(stat(dir.File("four.pcap").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

// The default pool grows with the queues sharing a file (16-64 core machines), never below 8 chunks.
TEST(FileSink, AutomaticPoolGrowsWithTheQueues) {
  EXPECT_EQ(AutomaticChunkCount(1), 8u);
  EXPECT_EQ(AutomaticChunkCount(3), 8u);
  EXPECT_EQ(AutomaticChunkCount(16), 34u);
  EXPECT_EQ(AutomaticChunkCount(64), 130u);
  TempDir dir;
  WriterConfig c = Config(dir.File("sixteen.pcap"), 64 << 10, 0);  // 0: automatic
  ExpectRoundTrip(c, {}, 16, 2000);
}

TEST(FileSink, RecordsSpanChunksAndNanoseconds) {
  TempDir dir;
  WriterConfig c = Config(dir.File("span.pcap"), 4096, 2);  // jumbo records span three chunks
  c.precision = TimestampPrecision::kNano;
  ExpectRoundTrip(c, {}, 2, 3000);
}

TEST(FileSink, SynchronousFallbackWithoutIoUring) {
  TempDir dir;
  FileSinkTestHooks hooks;
  hooks.disable_uring = true;
  ExpectRoundTrip(Config(dir.File("sync.pcap"), 8192, 3), hooks, 3, 5000);
}

TEST(FileSink, BackPressureIsCountedAsStalls) {
  TempDir dir;
  auto sink = MustCreate(Config(dir.File("stall.pcap"), 4096, 2));
  ASSERT_NE(sink, nullptr);
  const PacketSet set = MakePackets(0, 2000);
  QueueStats stats;
  sink->Consume(0, set.views, stats);  // ~1.8 MB in one batch through two 4 KiB buffers
  ASSERT_TRUE(sink->Finish().ok());
  EXPECT_GT(stats.writer_stalls, 0u);
  EXPECT_EQ(stats.packets_written, 2000u);
  ExpectPrefixes(CheckRecords(ReadFile(dir.File("stall.pcap")).records), {{0, 2000}});
}

TEST(FileSink, PacketBufferedRecordsVisibleBeforeFinish) {
  TempDir dir;
  WriterConfig c = Config(dir.File("u.pcap"), 1 << 20, 4);
  c.packet_buffered = true;
  auto sink = MustCreate(c);
  ASSERT_NE(sink, nullptr);
  EXPECT_TRUE(sink->ordered());
  const PacketSet set = MakePackets(0, 30);
  QueueStats stats;
  const std::string part = c.path;  // -U: written under its own name, to be read while it grows
  sink->Consume(0, PacketBatch(set.views.data(), 10), stats);
  ReadBack now = ReadFile(part);
  ASSERT_TRUE(now.opened) << now.error;
  EXPECT_EQ(now.end, PCAP_ERROR_BREAK) << now.error;
  ExpectPrefixes(CheckRecords(now.records), {{0, 10}});
  sink->Consume(0, PacketBatch(set.views.data() + 10, 20), stats);
  sink->Idle(0, stats);
  now = ReadFile(part);
  ExpectPrefixes(CheckRecords(now.records), {{0, 30}});
  ASSERT_TRUE(sink->Finish().ok());
  ExpectPrefixes(CheckRecords(ReadFile(c.path).records), {{0, 30}});
}

// While chunks complete faster than the flush interval, nothing is flushed (their own writes keep the file
// current; a flush would write the same bytes twice); once they stop, the partial chunk is flushed after the
// interval as before.
TEST(FileSink, NoFlushWhileChunksCompleteWithinTheInterval) {
  TempDir dir;
  const std::string path = dir.File("busy.pcap");
  const auto interval = std::chrono::milliseconds(300);
  FileSinkTestHooks hooks;
  hooks.flush_interval_ns = std::chrono::nanoseconds(interval).count();
  auto flushes = std::make_shared<std::atomic<int>>(0);
  hooks.write_result = [flushes](uint64_t, uint32_t attempt, int res) {
    if (attempt == kFlushWrite) ++*flushes;
    return res;
  };
  auto sink = MustCreate(Config(path, 64 << 10, 4), hooks, 1);
  ASSERT_NE(sink, nullptr);
  const PacketSet set = MakePackets(0, 6000);
  QueueStats stats;
  size_t next = 0;
  const auto end = std::chrono::steady_clock::now() + 4 * interval;
  while (std::chrono::steady_clock::now() < end && next + 20 <= set.views.size()) {
    sink->Consume(0, PacketBatch(set.views.data() + next, 20), stats);  // several chunks per interval
    next += 20;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GT(next, 20u * 100) << "too few batches to fill chunks";
  EXPECT_EQ(flushes->load(), 0) << "flushed chunks that were younger than the interval";
  std::this_thread::sleep_for(interval + std::chrono::milliseconds(50));
  sink->Idle(0, stats);
  EXPECT_EQ(flushes->load(), 1) << "the idle partial chunk was not flushed after the interval";
  ExpectPrefixes(CheckRecords(ReadFile(TempPathFor(path)).records), {{0, next}});
  ASSERT_TRUE(sink->Finish().ok());
  ExpectPrefixes(CheckRecords(ReadFile(path).records), {{0, next}});
}

// Without -U, a chunk that is not full reaches the file once the flush interval is over, at the next
// Consume() or Idle(); each flush writes only what is new.
TEST(FileSink, PartialChunkReachesTheFileAfterTheFlushInterval) {
  TempDir dir;
  const std::string path = dir.File("slow.pcap");
  const auto interval = std::chrono::milliseconds(200);
  FileSinkTestHooks hooks;
  hooks.flush_interval_ns = std::chrono::nanoseconds(interval).count();
  auto sink = MustCreate(Config(path, 1 << 20, 4), hooks, 2);
  ASSERT_NE(sink, nullptr);
  EXPECT_FALSE(sink->ordered());
  const PacketSet a = MakePackets(0, 40), b = MakePackets(1, 40);
  QueueStats stats;
  sink->Consume(0, PacketBatch(a.views.data(), 10), stats);
  sink->Consume(1, PacketBatch(b.views.data(), 10), stats);
  sink->Idle(1, stats);
  EXPECT_TRUE(ReadFile(TempPathFor(path)).records.empty()) << "flushed before the interval was over";
  std::this_thread::sleep_for(interval + std::chrono::milliseconds(50));
  sink->Idle(1, stats);
  ExpectPrefixes(CheckRecords(ReadFile(TempPathFor(path)).records), {{0, 10}, {1, 10}});

  sink->Consume(0, PacketBatch(a.views.data() + 10, 10), stats);
  std::this_thread::sleep_for(interval + std::chrono::milliseconds(50));
  sink->Consume(0, PacketBatch(a.views.data() + 20, 10), stats);  // the interval is over: flushed now
  ExpectPrefixes(CheckRecords(ReadFile(TempPathFor(path)).records), {{0, 30}, {1, 10}});
  ASSERT_TRUE(sink->Finish().ok());
  ExpectPrefixes(CheckRecords(ReadFile(path).records), {{0, 30}, {1, 10}});
}

// -U with several queues: a reader following the file never meets a hole or a torn record in the middle;
// only the record being written at the end may be incomplete.
TEST(FileSink, PacketBufferedFileIsValidWhileQueuesAppend) {
  TempDir dir;
  WriterConfig c = Config(dir.File("follow.pcap"), 16384, 2);
  c.packet_buffered = true;
  auto sink = MustCreate(c, {}, 3);
  ASSERT_NE(sink, nullptr);
  std::atomic<bool> done{false};
  int reads = 0;
  std::thread follower([&] {
    while (!done.load()) {
      const ReadBack now = ReadFile(c.path);
      EXPECT_TRUE(now.opened) << now.error;  // the header was written by Create
      if (!now.opened) break;
      ++reads;
      if (now.end == PCAP_ERROR) {
        EXPECT_THAT(now.error, HasSubstr("truncated")) << "after " << now.records.size();
      }
      for (const auto& [queue, indexes] : CheckRecords(now.records))
        for (size_t i = 0; i < indexes.size(); ++i) ASSERT_EQ(indexes[i], i) << "queue " << queue;
    }
  });
  const QueueStats total = Sum(RunWorkers(*sink, 3, 6000));
  done.store(true);
  follower.join();
  ASSERT_TRUE(sink->Finish().ok());
  EXPECT_GT(reads, 0);
  EXPECT_EQ(total.packets_written, 18000u);
  ExpectPrefixes(CheckRecords(ReadFile(c.path).records), {{0, 6000}, {1, 6000}, {2, 6000}});
}

TEST(FileSink, PacketBufferedWriteErrorCutsAtTheLastWholeFlush) {
  TempDir dir;
  WriterConfig c = Config(dir.File("uerr.pcap"), 16384, 2);
  c.packet_buffered = true;
  FileSinkTestHooks hooks;
  hooks.write_result = [](uint64_t flush, uint32_t, int res) { return flush == 40 ? -ENOSPC : res; };
  auto sink = MustCreate(c, hooks, 2);
  ASSERT_NE(sink, nullptr);
  const QueueStats total = Sum(RunWorkers(*sink, 2, 3000));
  EXPECT_TRUE(sink->WantsStop());
  const Status finished = sink->Finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_THAT(finished.error().message(), HasSubstr(c.path));
  EXPECT_EQ(finished.error().kind(), Error::Kind::kNoSpace);
  EXPECT_EQ(total.packets_written + total.sink_dropped, 6000u);
  const ReadBack back = ReadFile(c.path);
  ASSERT_TRUE(back.opened) << back.error;
  EXPECT_EQ(back.end, PCAP_ERROR_BREAK) << back.error;
  EXPECT_EQ(back.records.size(), total.packets_written);
  EXPECT_EQ(sink->lost_after_accept(), 0u);
  for (const auto& [queue, indexes] : CheckRecords(back.records))
    for (size_t i = 0; i < indexes.size(); ++i) ASSERT_EQ(indexes[i], i) << "queue " << queue;
}

// Makes an injected failure real: the bytes a write claims not to have written are overwritten on the file,
// so only a sink that really writes them again produces an intact file.
void Scribble(const std::string& file, uint64_t offset, uint64_t size) {
  const int fd = open(file.c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  const std::vector<uint8_t> junk(size, 0xee);
  ASSERT_EQ(pwrite(fd, junk.data(), junk.size(), static_cast<off_t>(offset)), static_cast<ssize_t>(size));
  close(fd);
}

TEST(FileSink, ShortWritesAndEagainAreRetried) {
  TempDir dir;
  const std::string path = dir.File("retry.pcap");
  const uint64_t chunk_size = 16384;
  std::atomic<int> injected{0};
  FileSinkTestHooks hooks;
  // Only first attempts are altered: their write covered the chunk from its start.
  hooks.write_result = [&](uint64_t chunk, uint32_t attempt, int res) {
    if (res <= 0 || attempt > 0) return res;
    int claimed = res;
    if (chunk % 3 == 0) claimed = res / 3 + 1;  // short and unaligned
    if (chunk % 3 == 1) claimed = -EAGAIN;
    if (chunk % 5 == 2) claimed = res - 1;
    if (claimed == res) return res;
    ++injected;
    const uint64_t kept = claimed > 0 ? static_cast<uint64_t>(claimed) : 0;
    Scribble(TempPathFor(path), chunk * chunk_size + kept, static_cast<uint64_t>(res) - kept);
    return claimed;
  };
  ExpectRoundTrip(Config(path, chunk_size, 4), hooks, 3, 4000);
  EXPECT_GT(injected.load(), 10);
}

// A fatal write error: the file is complete up to a whole record, the loss is counted exactly, the error
// names the file, and the capture is asked to stop.
void ExpectCutAtWholeRecord(int error, uint64_t bad_chunk, uint32_t queues, uint32_t per_queue) {
  TempDir dir;
  const std::string path = dir.File("fail.pcap");
  FileSinkTestHooks hooks;
  hooks.write_result = [=](uint64_t chunk, uint32_t, int res) { return chunk == bad_chunk ? -error : res; };
  auto sink = MustCreate(Config(path, 16384, 4), hooks, queues);
  ASSERT_NE(sink, nullptr);
  const QueueStats total = Sum(RunWorkers(*sink, queues, per_queue));
  EXPECT_TRUE(sink->WantsStop());
  const Status finished = sink->Finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_THAT(finished.error().message(), HasSubstr(path));
  EXPECT_THAT(finished.error().message(), HasSubstr(std::strerror(error)));
  EXPECT_EQ(finished.error().kind(), error == ENOSPC ? Error::Kind::kNoSpace : Error::Kind::kIo);
  EXPECT_FALSE(sink->Finish().ok()) << "a second Finish forgets the error";

  EXPECT_EQ(total.packets_written + total.sink_dropped, uint64_t{queues} * per_queue);
  EXPECT_GT(total.sink_dropped, 0u) << "packets offered after the failure were dropped";
  const ReadBack back = ReadFile(path);
  ASSERT_TRUE(back.opened) << back.error;
  EXPECT_EQ(back.end, PCAP_ERROR_BREAK) << "file not cut at a record boundary: " << back.error;
  EXPECT_LE(fs::file_size(path), std::max<uint64_t>(bad_chunk * 16384, kPcapFileHeaderSize));
  EXPECT_EQ(back.records.size() + sink->lost_after_accept(), total.packets_written);
  // A worker's records sit at increasing offsets, so what survives is a prefix of every queue.
  const auto seen = CheckRecords(back.records);
  for (const auto& [queue, indexes] : seen)
    for (size_t i = 0; i < indexes.size(); ++i) ASSERT_EQ(indexes[i], i) << "queue " << queue;
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"fail.pcap"});
}

TEST(FileSink, EioCutsTheFileAtAWholeRecord) { ExpectCutAtWholeRecord(EIO, 5, 1, 20000); }
TEST(FileSink, EnospcWithConcurrentWritersCountsLossExactly) { ExpectCutAtWholeRecord(ENOSPC, 40, 3, 20000); }
TEST(FileSink, FailureOfTheFirstChunkKeepsTheHeader) { ExpectCutAtWholeRecord(EIO, 0, 2, 5000); }

// Many small runs where a write fails while workers wait for buffers (two 4 KiB chunks, records that span
// them): whatever the interleaving, the file ends at a whole record and the loss is counted exactly.
// Chunk write failures, then flush failures (errors that are not tied to one chunk).
TEST(FileSink, FailuresWhileWorkersWaitForBuffers) {
  int flush_failures = 0;
  for (uint64_t run = 0; run < 26; ++run) {
    const bool flush = run >= 13;
    const uint64_t bad = flush ? run - 13 : 3 + 3 * run;  // which flush, or which chunk, fails
    SCOPED_TRACE((flush ? "failing flush " : "failing chunk ") + std::to_string(bad));
    TempDir dir;
    const std::string path = dir.File("race.pcap");
    FileSinkTestHooks hooks;
    auto flushes = std::make_shared<std::atomic<uint64_t>>(0);
    hooks.write_result = [=](uint64_t chunk, uint32_t attempt, int res) {
      if (attempt == kFlushWrite) return flush && flushes->fetch_add(1) == bad ? -EIO : res;
      return !flush && chunk == bad ? -EIO : res;
    };
    hooks.flush_interval_ns = 0;
    auto sink = MustCreate(Config(path, 4096, 2), hooks, 3);
    ASSERT_NE(sink, nullptr);
    const QueueStats total = Sum(RunWorkers(*sink, 3, 400, /*idle_every=*/1));
    const bool failed = !sink->Finish().ok();
    ASSERT_TRUE(failed || flush) << "the chunk write failure went unnoticed";
    flush_failures += flush && failed;
    const ReadBack back = ReadFile(path);
    ASSERT_TRUE(back.opened) << back.error;
    ASSERT_EQ(back.end, PCAP_ERROR_BREAK) << back.error;
    ASSERT_EQ(back.records.size() + sink->lost_after_accept(), total.packets_written);
    ASSERT_EQ(total.packets_written + total.sink_dropped, 1200u);
    for (const auto& [queue, indexes] : CheckRecords(back.records))
      for (size_t i = 0; i < indexes.size(); ++i) ASSERT_EQ(indexes[i], i) << "queue " << queue;
  }
  EXPECT_GT(flush_failures, 0) << "no flush happened: the flush failures were not exercised";
}

TEST(FileSink, FailureOfTheTailKeepsWhatWasWritten) {
  TempDir dir;
  const std::string path = dir.File("tail.pcap");
  FileSinkTestHooks hooks;
  hooks.write_result = [](uint64_t chunk, uint32_t, int res) { return chunk == 0 ? -ENOSPC : res; };
  auto sink = MustCreate(Config(path, 1 << 20, 2), hooks);
  ASSERT_NE(sink, nullptr);
  const PacketSet set = MakePackets(0, 50);  // fits in chunk 0: only the tail write at Finish
  QueueStats stats;
  sink->Consume(0, set.views, stats);
  EXPECT_FALSE(sink->WantsStop());
  const Status finished = sink->Finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_THAT(finished.error().message(), HasSubstr(path));
  EXPECT_EQ(stats.packets_written, 50u);
  EXPECT_EQ(sink->lost_after_accept(), 50u);
  const ReadBack back = ReadFile(path);
  ASSERT_TRUE(back.opened) << back.error;
  EXPECT_EQ(back.records.size(), 0u);
  EXPECT_EQ(back.end, PCAP_ERROR_BREAK);
}

// A disk that fills up part way through a write: the bytes that did reach the file before ENOSPC hold whole
// records, and those are kept (the file was once cut back to its header, throwing them away).
TEST(FileSink, ShortWriteThenEnospcKeepsTheWholeRecordsWritten) {
  TempDir dir;
  const std::string path = dir.File("short.pcap");
  FileSinkTestHooks hooks;
  hooks.write_result = [](uint64_t, uint32_t attempt, int res) {
    if (attempt == 0 && res > 0) return res / 2;  // half reached the file, then the disk was full
    return attempt == 0 ? res : -ENOSPC;
  };
  auto sink = MustCreate(Config(path, 1 << 20, 2), hooks);
  ASSERT_NE(sink, nullptr);
  const PacketSet set = MakePackets(0, 200);  // fits in chunk 0: only the tail write at Finish
  QueueStats stats;
  sink->Consume(0, set.views, stats);
  const Status finished = sink->Finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.error().kind(), Error::Kind::kNoSpace);
  const ReadBack back = ReadFile(path);
  ASSERT_TRUE(back.opened) << back.error;
  EXPECT_EQ(back.end, PCAP_ERROR_BREAK) << "not cut at a record boundary: " << back.error;
  EXPECT_GT(back.records.size(), 50u) << "the records written before the disk filled were thrown away";
  EXPECT_LT(back.records.size(), 200u);
  EXPECT_EQ(back.records.size() + sink->lost_after_accept(), 200u);
  for (const auto& [queue, indexes] : CheckRecords(back.records))
    for (size_t i = 0; i < indexes.size(); ++i) ASSERT_EQ(indexes[i], i);
}

// A full chunk's (O_DIRECT) write refused whole with ENOSPC: smaller writes still put what fits on the disk,
// and the file keeps every whole record among them (as tcpdump's small stdio writes fill a disk).
TEST(FileSink, EnospcOnAWholeChunkStillFillsWhatFits) {
  TempDir dir;
  const std::string path = dir.File("fits.pcap");
  FileSinkTestHooks hooks;
  hooks.write_result = [](uint64_t chunk, uint32_t attempt, int res) {
    if (chunk != 1 || attempt == kFlushWrite) return res;
    return attempt == 0 || attempt > 3 ? -ENOSPC : res;  // the chunk refused; then three 64 KiB pieces fit
  };
  auto sink = MustCreate(Config(path, 1 << 20, 4), hooks);
  ASSERT_NE(sink, nullptr);
  const PacketSet set = MakePackets(0, 3000);  // ~2.2 MB: chunks 0, 1 and part of 2
  QueueStats stats;
  for (size_t i = 0; i < set.views.size(); i += 100) sink->Consume(0, PacketBatch(set.views.data() + i, 100), stats);
  ASSERT_FALSE(sink->Finish().ok());
  const ReadBack back = ReadFile(path);
  ASSERT_TRUE(back.opened) << back.error;
  EXPECT_EQ(back.end, PCAP_ERROR_BREAK) << back.error;
  const uint64_t size = fs::file_size(path);
  EXPECT_GT(size, (1u << 20) + 150000u) << "nothing of the refused chunk was kept";
  EXPECT_LE(size, (1u << 20) + 3 * 65536u);
  EXPECT_EQ(back.records.size() + sink->lost_after_accept(), stats.packets_written);
}

// The flush timeout put part of the chunk on the file, then its final write failed: the flushed records stay.
TEST(FileSink, FlushedRecordsSurviveAFailedTailWrite) {
  TempDir dir;
  const std::string path = dir.File("flushed.pcap");
  FileSinkTestHooks hooks;
  hooks.write_result = [](uint64_t, uint32_t attempt, int res) { return attempt == kFlushWrite ? res : -ENOSPC; };
  hooks.flush_interval_ns = 0;
  auto sink = MustCreate(Config(path, 1 << 20, 2), hooks);
  ASSERT_NE(sink, nullptr);
  const PacketSet set = MakePackets(0, 100);
  QueueStats stats;
  sink->Consume(0, PacketBatch(set.views.data(), 60), stats);
  sink->Idle(0, stats);  // the flush: 60 records on the file
  sink->Consume(0, PacketBatch(set.views.data() + 60, 40), stats);
  ASSERT_FALSE(sink->Finish().ok());
  const ReadBack back = ReadFile(path);
  ASSERT_TRUE(back.opened) << back.error;
  EXPECT_EQ(back.end, PCAP_ERROR_BREAK) << back.error;
  EXPECT_GE(back.records.size(), 60u);
  EXPECT_EQ(back.records.size() + sink->lost_after_accept(), 100u);
}

// ---- Outputs without offsets. ----

std::vector<uint8_t> ReadAllFrom(int fd) {
  std::vector<uint8_t> out;
  uint8_t buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) out.insert(out.end(), buf, buf + n);
  return out;
}

TEST(FileSink, FifoGetsWholeRecordsFromConcurrentWriters) {
  TempDir dir;
  const std::string fifo = dir.File("fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::vector<uint8_t> received;
  std::thread reader([&] {
    const int fd = open(fifo.c_str(), O_RDONLY);
    received = ReadAllFrom(fd);
    close(fd);
  });
  auto sink = MustCreate(Config(fifo, 8192, 2), {}, 3);  // buffer smaller than the jumbo records
  ASSERT_NE(sink, nullptr);
  EXPECT_TRUE(sink->ordered());
  const QueueStats total = Sum(RunWorkers(*sink, 3, 3000));
  ASSERT_TRUE(sink->Finish().ok());
  reader.join();
  EXPECT_EQ(total.packets_written, 9000u);
  EXPECT_EQ(received.size(), total.bytes_written + kPcapFileHeaderSize);
  const ReadBack back = ReadBytes(received);
  ASSERT_TRUE(back.opened) << back.error;
  EXPECT_EQ(back.end, PCAP_ERROR_BREAK) << back.error;
  ExpectPrefixes(CheckRecords(back.records), {{0, 3000}, {1, 3000}, {2, 3000}});
}

TEST(FileSink, StandardOutput) {
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  std::vector<uint8_t> received;
  std::thread reader([&] { received = ReadAllFrom(pipe_fds[0]); });
  fflush(stdout);
  const int saved = dup(STDOUT_FILENO);
  dup2(pipe_fds[1], STDOUT_FILENO);
  close(pipe_fds[1]);
  auto sink = MustCreate(Config("-"), {}, 2);
  QueueStats total;
  Status finished = Error("not created");
  if (sink) {
    total = Sum(RunWorkers(*sink, 2, 2000));
    finished = sink->Finish();
  }
  dup2(saved, STDOUT_FILENO);  // the last write end: the reader sees the end of the stream
  close(saved);
  reader.join();
  close(pipe_fds[0]);
  ASSERT_TRUE(finished.ok()) << finished.error().message();
  EXPECT_TRUE(fcntl(STDOUT_FILENO, F_GETFD) >= 0) << "Finish closed the process's standard output";
  const ReadBack back = ReadBytes(received);
  ASSERT_TRUE(back.opened) << back.error;
  ExpectPrefixes(CheckRecords(back.records), {{0, 2000}, {1, 2000}});
}

TEST(FileSink, ReaderGoneStopsTheCapture) {
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  auto* old_handler = signal(SIGPIPE, SIG_IGN);
  std::thread reader([&] {
    uint8_t buf[1000];
    (void)!read(pipe_fds[0], buf, sizeof(buf));  // the header and a little more, then hang up
    close(pipe_fds[0]);
  });
  auto sink = MustCreate(Config("/proc/self/fd/" + std::to_string(pipe_fds[1]), 8192, 2), {}, 2);
  close(pipe_fds[1]);
  QueueStats total;
  Status finished = Error("not created");
  if (sink) {
    total = Sum(RunWorkers(*sink, 2, 5000));
    EXPECT_TRUE(sink->WantsStop());
    finished = sink->Finish();
  }
  reader.join();
  signal(SIGPIPE, old_handler);
  ASSERT_FALSE(finished.ok());
  EXPECT_THAT(finished.error().message(), HasSubstr(std::strerror(EPIPE)));
  EXPECT_EQ(total.packets_written + total.sink_dropped, 10000u);
  EXPECT_GT(total.sink_dropped, 0u);
}

TEST(FileSink, FullDeviceFailsAtCreate) {
  if (access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full";
  auto sink = FileSink::Create(Config("/dev/full"), LinkType::kEthernet, 65535, 1);
  ASSERT_FALSE(sink.ok());
  EXPECT_THAT(sink.error().message(), HasSubstr("/dev/full"));
  EXPECT_EQ(sink.error().kind(), Error::Kind::kNoSpace);
}

// ---- File sets: a file made ahead of time under a placeholder name, then renamed or thrown away. ----

TEST(FileSink, RetargetNamesTheFileAtFinishAndDiscardLeavesNothing) {
  TempDir dir;
  auto spare = MustCreate(Config(dir.File("placeholder")));
  ASSERT_NE(spare, nullptr);
  EXPECT_EQ(spare->header_bytes(), kPcapFileHeaderSize);
  spare->Retarget(dir.File("real.pcap"));
  const PacketSet set = MakePackets(0, 100);
  QueueStats stats;
  spare->Consume(0, set.views, stats);
  ASSERT_TRUE(spare->Finish().ok());
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"real.pcap"});
  ExpectPrefixes(CheckRecords(ReadFile(dir.File("real.pcap")).records), {{0, 100}});

  auto unused = MustCreate(Config(dir.File("unused.pcap"), 4096, 2));
  ASSERT_NE(unused, nullptr);
  unused->Consume(0, set.views, stats);  // writes in flight when it is discarded
  unused->Discard();
  EXPECT_TRUE(unused->Finish().ok());
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"real.pcap"});
}

// ---- Opening. ----

TEST(FileSink, CreateInMissingDirectoryFailsAndNamesThePath) {
  TempDir dir;
  const std::string path = dir.File("missing/x.pcap");
  auto sink = FileSink::Create(Config(path), LinkType::kEthernet, 65535, 1);
  ASSERT_FALSE(sink.ok());
  EXPECT_THAT(sink.error().message(), HasSubstr(path));
  EXPECT_TRUE(dir.Entries().empty());
}

TEST(FileSink, CreateInUnwritableDirectoryFailsAndLeavesNothing) {
  TempDir dir;
  const std::string path = dir.File("ro/x.pcap");
  ASSERT_EQ(mkdir(dir.File("ro").c_str(), 0555), 0);
  if (geteuid() != 0) {
    auto sink = FileSink::Create(Config(path), LinkType::kEthernet, 65535, 1);
    ASSERT_FALSE(sink.ok());
    EXPECT_THAT(sink.error().message(), HasSubstr(path));
    EXPECT_EQ(sink.error().kind(), Error::Kind::kPermission);
  } else {
    // root writes anywhere: try as "nobody" in a child process.
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      if (setgid(65534) != 0 || setuid(65534) != 0) _exit(3);
      auto sink = FileSink::Create(Config(path), LinkType::kEthernet, 65535, 1);
      if (sink.ok()) _exit(1);
      const bool good = sink.error().message().find(path) != std::string::npos &&
                        sink.error().kind() == Error::Kind::kPermission;
      _exit(good ? 0 : 2);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 3) GTEST_SKIP() << "cannot switch to uid 65534";
    EXPECT_EQ(WEXITSTATUS(status), 0) << "1: created anyway, 2: message or kind wrong";
  }
  EXPECT_TRUE(fs::is_empty(dir.File("ro")));
}

// An existing file at the output path is replaced (as tcpdump does); a file in the way at the hidden name
// that is not a capture is moved aside, never deleted.
TEST(FileSink, ReplacesAnExistingFileAndMovesAsideAStrangerAtTheHiddenName) {
  TempDir dir;
  const std::string path = dir.File("old.pcap");
  std::ofstream(path) << "old contents";
  std::ofstream(TempPathFor(path)) << "left by someone";
  ExpectRoundTrip(Config(path), {}, 1, 100);
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{".old.pcap-1.part", "old.pcap"}));
}

// A crashed capture's data at the hidden name is never destroyed by the next run to the same name: it is cut
// at its last whole record and kept under a free visible name, and the sink says so.
TEST(FileSink, CrashedRunsPartFileIsKeptUnderAVisibleName) {
  TempDir dir;
  const std::string path = dir.File("s.pcap");
  {
    auto first = MustCreate(Config(path), {});
    ASSERT_NE(first, nullptr);
    const PacketSet set = MakePackets(0, 30);
    QueueStats stats;
    first->Consume(0, set.views, stats);
    ASSERT_TRUE(first->Finish().ok());
  }
  ASSERT_EQ(rename(path.c_str(), TempPathFor(path).c_str()), 0);  // as a kill -9 leaves it
  std::ofstream(path) << "a later capture's file";
  auto second = MustCreate(Config(path), {});
  ASSERT_NE(second, nullptr);
  EXPECT_NE(second->note().find("kept as " + dir.File("s-1.pcap")), std::string::npos) << second->note();
  EXPECT_EQ(ReadFile(dir.File("s-1.pcap")).records.size(), 30u);
  EXPECT_TRUE(second->Finish().ok());
}

TEST(FileSink, DirectIoOnDisk) {
  TempDir dir("/var/tmp");
  auto sink = MustCreate(Config(dir.File("direct.pcap")));
  ASSERT_NE(sink, nullptr);
  if (!sink->direct_io_active()) GTEST_SKIP() << "/var/tmp refuses O_DIRECT here";
  sink.reset();
  ExpectRoundTrip(Config(dir.File("direct2.pcap"), 1 << 20, 4), {}, 2, 20000);
}

// The chunk pool is registered with io_uring (write_fixed): every record arrives, O_DIRECT on disk as well.
TEST(FileSink, RegisteredBuffersWriteEveryRecord) {
  TempDir dir("/var/tmp");
  auto sink = MustCreate(Config(dir.File("fixed.pcap"), 1 << 20, 4), {}, 2);
  ASSERT_NE(sink, nullptr);
  ASSERT_TRUE(sink->uring_active());
  EXPECT_TRUE(sink->fixed_buffers_active()) << "io_uring_register_buffers refused (RLIMIT_MEMLOCK?)";
  sink.reset();
  ExpectRoundTrip(Config(dir.File("fixed2.pcap"), 1 << 20, 4), {}, 2, 20000);
}

// Where registration is refused (RLIMIT_MEMLOCK without CAP_IPC_LOCK), plain io_uring writes do the same job.
TEST(FileSink, UnregisteredBuffersFallBackToPlainWrites) {
  TempDir dir("/var/tmp");
  FileSinkTestHooks hooks;
  hooks.unregistered_buffers = true;
  auto sink = MustCreate(Config(dir.File("plain.pcap"), 1 << 20, 4), hooks, 2);
  ASSERT_NE(sink, nullptr);
  EXPECT_FALSE(sink->fixed_buffers_active());
  sink.reset();
  ExpectRoundTrip(Config(dir.File("plain2.pcap"), 1 << 20, 4), hooks, 2, 20000);
}

// O_DIRECT opened but its writes refused with EINVAL (some filesystems): the sink continues buffered.
TEST(FileSink, DirectWritesRefusedFallBackToBuffered) {
  TempDir dir("/var/tmp");
  const std::string path = dir.File("einval.pcap");
  FileSinkTestHooks hooks;
  auto refused = std::make_shared<std::atomic<int>>(0);
  hooks.write_result = [=](uint64_t chunk, uint32_t attempt, int res) {
    if (chunk != 1 || attempt != 0 || res <= 0) return res;
    ++*refused;
    Scribble(TempPathFor(path), chunk * 65536, static_cast<uint64_t>(res));  // as if nothing was written
    return -EINVAL;
  };
  auto sink = MustCreate(Config(path), hooks, 2);
  ASSERT_NE(sink, nullptr);
  if (!sink->direct_io_active()) GTEST_SKIP() << "/var/tmp refuses O_DIRECT here";
  const QueueStats total = Sum(RunWorkers(*sink, 2, 3000));
  ASSERT_TRUE(sink->Finish().ok());
  EXPECT_EQ(refused->load(), 1);
  EXPECT_FALSE(sink->direct_io_active());
  EXPECT_EQ(total.packets_written, 6000u);
  ExpectPrefixes(CheckRecords(ReadFile(path).records), {{0, 3000}, {1, 3000}});
}

TEST(FileSink, TmpfsWorksWithOrWithoutDirectIo) {
  TempDir dir("/dev/shm");
  if (dir.path().empty()) GTEST_SKIP() << "no /dev/shm";
  {
    auto sink = MustCreate(Config(dir.File("probe.pcap")));
    ASSERT_NE(sink, nullptr);
    RecordProperty("tmpfs_direct_io", sink->direct_io_active() ? "yes" : "no");
  }
  ExpectRoundTrip(Config(dir.File("shm.pcap")), {}, 2, 5000);
  FileSinkTestHooks refuse;
  refuse.refuse_direct_io = true;
  auto sink = MustCreate(Config(dir.File("refused.pcap")), refuse);
  ASSERT_NE(sink, nullptr);
  EXPECT_FALSE(sink->direct_io_active());
  sink.reset();
  ExpectRoundTrip(Config(dir.File("refused2.pcap")), refuse, 2, 5000);
}

// ---- Other readers: tcpdump and tshark must read our files without complaint. ----

// Ethernet + IPv4 (valid checksum) + UDP frames of varied sizes, so dissectors find nothing malformed.
PacketSet MakeUdpFrames(uint32_t count) {
  PacketSet set;
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t payload = 18 + (i * 131) % 1400;
    std::vector<uint8_t> f(14 + 20 + 8 + payload, 0);
    const uint8_t head[] = {0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00};
    std::memcpy(f.data(), head, sizeof(head));
    uint8_t* ip = f.data() + 14;
    const uint16_t total = static_cast<uint16_t>(20 + 8 + payload);
    const uint8_t ip_head[] = {0x45,
                               0,
                               uint8_t(total >> 8),
                               uint8_t(total),
                               uint8_t(i >> 8),
                               uint8_t(i),
                               0x40,
                               0,
                               64,
                               17,
                               0,
                               0,
                               10,
                               0,
                               0,
                               1,
                               10,
                               0,
                               0,
                               2};
    std::memcpy(ip, ip_head, sizeof(ip_head));
    uint32_t sum = 0;
    for (int k = 0; k < 20; k += 2) sum += uint32_t(ip[k]) << 8 | ip[k + 1];
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    ip[10] = uint8_t(~sum >> 8);
    ip[11] = uint8_t(~sum);
    uint8_t* udp = ip + 20;
    const uint16_t udp_len = static_cast<uint16_t>(8 + payload);
    const uint8_t udp_head[] = {0x30, 0x39, 0x30, 0x3a, uint8_t(udp_len >> 8), uint8_t(udp_len), 0, 0};
    std::memcpy(udp, udp_head, sizeof(udp_head));
    for (uint32_t k = 0; k < payload; ++k) udp[8 + k] = static_cast<uint8_t>(i + k);
    set.bytes.push_back(std::move(f));
  }
  for (uint32_t i = 0; i < count; ++i) {
    PacketView v;
    v.data = set.bytes[i].data();
    v.caplen = v.len = static_cast<uint32_t>(set.bytes[i].size());
    v.sec = 1700000000 + i / 100;
    v.nsec = (i % 100) * 10000000u + 123;
    set.views.push_back(v);
  }
  return set;
}

struct Ran {
  int status = -1;
  std::string out, err;
};
Ran RunShell(const std::string& command, const std::string& dir) {
  Ran r;
  const std::string out = dir + "/cmd.out", err = dir + "/cmd.err";
  r.status = std::system((command + " >" + out + " 2>" + err).c_str());
  std::stringstream o, e;
  o << std::ifstream(out).rdbuf();
  e << std::ifstream(err).rdbuf();
  r.out = o.str();
  r.err = e.str();
  return r;
}
size_t Lines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}
bool Installed(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

// Written by two queues with chunks of 8 KiB, so many records span chunks.
std::string WriteUdpFile(const TempDir& dir, uint32_t count) {
  const std::string path = dir.File("udp.pcap");
  auto sink = MustCreate(Config(path, 8192, 3), {}, 2);
  if (!sink) return path;
  const PacketSet set = MakeUdpFrames(count);
  QueueStats a, b;
  std::thread other(
      [&] { sink->Consume(1, PacketBatch(set.views.data() + count / 2, count - count / 2), b); });
  for (uint32_t i = 0; i < count / 2; i += 7)
    sink->Consume(0, PacketBatch(set.views.data() + i, std::min<uint32_t>(7, count / 2 - i)), a);
  other.join();
  EXPECT_TRUE(sink->Finish().ok());
  return path;
}

TEST(FileSink, TcpdumpReadsOurFile) {
  if (!Installed("tcpdump")) GTEST_SKIP() << "tcpdump is not installed";
  TempDir dir;
  const std::string path = WriteUdpFile(dir, 3000);
  const Ran r = RunShell("tcpdump -nn -r " + path, dir.path());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(Lines(r.out), 3000u);
  EXPECT_EQ(r.err, "reading from file " + path + ", link-type EN10MB (Ethernet), snapshot length 65535\n");
  EXPECT_EQ(r.out.find("truncated"), std::string::npos);
}

TEST(FileSink, TsharkReadsOurFile) {
  if (!Installed("tshark")) GTEST_SKIP() << "tshark is not installed";
  TempDir dir;
  const std::string path = WriteUdpFile(dir, 3000);
  const Ran r = RunShell("tshark -n -r " + path, dir.path());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(Lines(r.out), 3000u);
  for (const char* complaint : {"Malformed", "cut short", "appears to be damaged", "isn't a capture file"}) {
    EXPECT_EQ(r.out.find(complaint), std::string::npos) << complaint;
    EXPECT_EQ(r.err.find(complaint), std::string::npos) << complaint << ": " << r.err;
  }
}

TEST(FileSink, PipeIntoTcpdump) {
  if (!Installed("tcpdump")) GTEST_SKIP() << "tcpdump is not installed";
  TempDir dir;
  const std::string out = dir.File("tcpdump.out"), err = dir.File("tcpdump.err");
  FILE* pipe = popen(("tcpdump -nn -r - >" + out + " 2>" + err).c_str(), "w");
  ASSERT_NE(pipe, nullptr);
  auto* old_handler = signal(SIGPIPE, SIG_IGN);  // should tcpdump quit early: an error, not a dead test
  auto sink = MustCreate(Config("/proc/self/fd/" + std::to_string(fileno(pipe)), 8192, 2), {}, 2);
  Status finished = Error("not created");
  if (sink) {
    EXPECT_TRUE(sink->ordered());
    const PacketSet set = MakeUdpFrames(2000);
    QueueStats a, b;
    std::thread other([&] { sink->Consume(1, PacketBatch(set.views.data() + 1000, 1000), b); });
    for (uint32_t i = 0; i < 1000; i += 10) sink->Consume(0, PacketBatch(set.views.data() + i, 10), a);
    other.join();
    finished = sink->Finish();
  }
  const int status = pclose(pipe);
  signal(SIGPIPE, old_handler);
  ASSERT_TRUE(finished.ok()) << finished.error().message();
  EXPECT_EQ(status, 0);
  std::stringstream o, e;
  o << std::ifstream(out).rdbuf();
  e << std::ifstream(err).rdbuf();
  EXPECT_EQ(Lines(o.str()), 2000u);
  EXPECT_EQ(e.str(), "reading from file -, link-type EN10MB (Ethernet), snapshot length 65535\n");
}

// ---- pcapng: the same paths, with enhanced packet blocks (some with epb_flags, so sizes vary). ----

TEST(FileSink, PcapngConcurrentAppendersAcrossChunks) {
  TempDir dir;
  WriterConfig c = Config(dir.File("four.pcapng"), 4096, 2);
  c.format = FileFormat::kPcapng;
  ExpectRoundTrip(c, {}, 3, 4000);
  std::ifstream in(c.path, std::ios::binary);
  uint8_t magic[4] = {};
  in.read(reinterpret_cast<char*>(magic), 4);
  EXPECT_EQ(std::vector<uint8_t>(magic, magic + 4), (std::vector<uint8_t>{0x0a, 0x0d, 0x0d, 0x0a}));
}

TEST(FileSink, PcapngNanosecondsAndEioCut) {
  TempDir dir;
  WriterConfig c = Config(dir.File("nano.pcapng"));
  c.format = FileFormat::kPcapng;
  c.precision = TimestampPrecision::kNano;
  ExpectRoundTrip(c, {}, 2, 3000);

  WriterConfig f = Config(dir.File("cut.pcapng"), 16384, 4);
  f.format = FileFormat::kPcapng;
  FileSinkTestHooks hooks;
  hooks.write_result = [](uint64_t chunk, uint32_t, int res) { return chunk == 7 ? -EIO : res; };
  auto sink = MustCreate(f, hooks, 2);
  ASSERT_NE(sink, nullptr);
  const QueueStats total = Sum(RunWorkers(*sink, 2, 5000));
  ASSERT_FALSE(sink->Finish().ok());
  const ReadBack back = ReadFile(f.path);
  ASSERT_TRUE(back.opened) << back.error;
  EXPECT_EQ(back.end, PCAP_ERROR_BREAK) << back.error;
  EXPECT_EQ(back.records.size() + sink->lost_after_accept(), total.packets_written);
  for (const auto& [queue, indexes] : CheckRecords(back.records))
    for (size_t i = 0; i < indexes.size(); ++i) ASSERT_EQ(indexes[i], i) << "queue " << queue;
}

TEST(FileSink, PcapngInterfaceNameAndFilterReachCapinfos) {
  if (!Installed("capinfos")) GTEST_SKIP() << "capinfos (wireshark tools) is not installed";
  TempDir dir;
  WriterConfig c = Config(dir.File("named.pcapng"));
  c.format = FileFormat::kPcapng;
  PcapngInterface interface;
  interface.name = "veth-test0";
  interface.filter = "udp port 12345";
  interface.snaplen = 1600;
  auto sink = FileSink::Create(c, interface, 1);
  ASSERT_TRUE(sink.ok()) << sink.error().message();
  const PacketSet set = MakeUdpFrames(10);
  QueueStats stats;
  sink.value()->Consume(0, set.views, stats);
  ASSERT_TRUE(sink.value()->Finish().ok());
  const Ran r = RunShell("capinfos " + c.path, dir.path());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("veth-test0"));
  EXPECT_THAT(r.out, HasSubstr("udp port 12345"));
}

TEST(FileSink, PcapngOrderedPathAndTshark) {
  TempDir dir;
  WriterConfig c = Config(dir.File("u.pcapng"), 8192, 2);  // smaller than the jumbo records
  c.format = FileFormat::kPcapng;
  c.packet_buffered = true;
  ExpectRoundTrip(c, {}, 2, 2000);
  if (!Installed("tshark")) GTEST_SKIP() << "tshark is not installed";
  const Ran r = RunShell("tshark -n -r " + c.path, dir.path());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(Lines(r.out), 4000u);
  EXPECT_EQ(r.err.find("cut short"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ringdump
