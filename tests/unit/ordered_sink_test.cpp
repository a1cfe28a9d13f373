// OrderedSink on synthetic batches: queues whose timestamp ranges overlap come out merged; a quiet queue
// holds the others back only until its bound passes; a full staging ring forces records out without
// blocking and counts the records that then go out of order; Finish() writes everything; counters exact.
#include "ordered_sink.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <ctime>
#include <thread>
#include <vector>

namespace ringdump {
namespace {

std::atomic<int64_t> g_wall{0};
std::atomic<int64_t> g_steady{0};
int64_t FakeWall() { return g_wall.load(); }
int64_t FakeSteady() { return g_steady.load(); }

constexpr int64_t kMs = 1'000'000;

// What reached the file: each record's timestamp and payload (an id written into the packet's bytes).
struct Written {
  int64_t ts;
  uint64_t id;
};

class RecordingSink final : public PacketSink {
 public:
  void Consume(uint32_t /*queue*/, PacketBatch batch, QueueStats& stats) override {
    for (const PacketView& p : batch) {
      if (accept_left_ == 0) {
        ++stats.sink_dropped;
        continue;
      }
      if (accept_left_ > 0) --accept_left_;
      uint64_t id = 0;
      std::memcpy(&id, p.data, sizeof id);
      const int64_t ts = p.sec * 1'000'000'000 + p.nsec;
      if (!records.empty() && ts < records.back().ts) ++inversions;
      if (ts < newest) ++late;
      newest = std::max(newest, ts);
      records.push_back({ts, id});
      ++stats.packets_written;
    }
    ++calls;
  }
  Status Finish() override {
    ++finishes;
    return Ok();
  }
  std::vector<Written> records;
  uint64_t inversions = 0;  // records older than the one before them
  uint64_t late = 0;        // records older than one anywhere before them
  int64_t newest = INT64_MIN;
  int calls = 0;
  int finishes = 0;
  int64_t accept_left_ = -1;  // records still accepted; -1: all
};

// Packets with ids and timestamps (ns); the bytes are the id followed by filler up to `size`.
class Batch {
 public:
  Batch(std::vector<std::pair<uint64_t, int64_t>> id_ts, size_t size = 64) : bytes_(id_ts.size()) {
    for (size_t i = 0; i < id_ts.size(); ++i) {
      bytes_[i].assign(size, 0xab);
      std::memcpy(bytes_[i].data(), &id_ts[i].first, sizeof(uint64_t));
      PacketView v;
      v.data = bytes_[i].data();
      v.caplen = v.len = static_cast<uint32_t>(size);
      v.sec = id_ts[i].second / 1'000'000'000;
      v.nsec = static_cast<uint32_t>(id_ts[i].second % 1'000'000'000);
      views_.push_back(v);
    }
  }
  PacketBatch batch() const { return views_; }

 private:
  std::vector<std::vector<uint8_t>> bytes_;
  std::vector<PacketView> views_;
};

OrderedSinkOptions TestOptions(uint32_t queues = 2) {
  OrderedSinkOptions o;
  o.queues = queues;
  o.staging_bytes = 1 << 20;
  o.staging_records = 1024;
  o.max_caplen = 2048;
  o.lateness_ns = 100 * kMs;
  o.max_hold_ns = 10'000 * kMs;
  o.wall_clock = FakeWall;
  o.steady_clock = FakeSteady;
  return o;
}

class OrderedSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_wall = 1'000'000 * kMs;  // a wall clock far from 0, as timestamps are
    g_steady = 5'000 * kMs;
  }
  static std::vector<uint64_t> Ids(const RecordingSink& s) {
    std::vector<uint64_t> ids;
    for (const auto& r : s.records) ids.push_back(r.id);
    return ids;
  }
  int64_t T(int64_t ms) const { return 1'000'000 * kMs + ms * kMs; }  // a timestamp near the wall clock
};

TEST_F(OrderedSinkTest, InterleavedQueuesWithOverlappingRangesComeOutMerged) {
  RecordingSink file;
  OrderedSink sink(file, TestOptions());
  QueueStats q0, q1;
  sink.Consume(0, Batch({{1, T(1)}, {3, T(3)}, {5, T(5)}, {7, T(7)}}).batch(), q0);
  sink.Consume(1, Batch({{2, T(2)}, {4, T(4)}, {6, T(6)}}).batch(), q1);
  // The watermark is min(7, 6): everything up to 6 is out, 7 waits for queue 1.
  EXPECT_EQ(Ids(file), (std::vector<uint64_t>{1, 2, 3, 4, 5, 6}));
  sink.Consume(1, Batch({{8, T(8)}, {10, T(10)}}).batch(), q1);
  sink.Consume(0, Batch({{9, T(9)}, {11, T(11)}}).batch(), q0);
  EXPECT_EQ(Ids(file), (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  ASSERT_TRUE(sink.Finish().ok());
  EXPECT_EQ(Ids(file), (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
  EXPECT_EQ(file.finishes, 1);
  EXPECT_EQ(q0.packets_written, 6u);
  EXPECT_EQ(q1.packets_written, 5u);
  EXPECT_EQ(q0.bytes_written, 6u * (16 + 64));  // pcap records: 16-byte header + the packet
  EXPECT_EQ(q0.sink_dropped + q1.sink_dropped, 0u);
  EXPECT_EQ(sink.records_out_of_order(), 0u);
  EXPECT_EQ(sink.lost_after_accept(), 0u);
}

TEST_F(OrderedSinkTest, ABatchOutOfOrderWithinItselfIsSorted) {
  RecordingSink file;
  OrderedSink sink(file, TestOptions());
  QueueStats q0, q1;
  sink.Consume(0, Batch({{1, T(1)}, {3, T(3)}, {2, T(2)}, {4, T(4)}}).batch(), q0);
  ASSERT_TRUE(sink.Finish().ok());
  EXPECT_EQ(Ids(file), (std::vector<uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(file.inversions, 0u);
}

TEST_F(OrderedSinkTest, AQuietQueueHoldsTheOthersBackOnlyUntilItsBoundPasses) {
  RecordingSink file;
  OrderedSink sink(file, TestOptions());
  QueueStats q0, q1;
  sink.Consume(0, Batch({{1, T(0)}, {2, T(50)}, {3, T(150)}}).batch(), q0);
  EXPECT_TRUE(file.records.empty()) << "queue 1 has said nothing yet: it may still hold older packets";
  g_steady += 10 * kMs;  // idle workers merge when nobody has for 5 ms
  sink.Idle(1, q1);      // the first idle only notes when it was
  EXPECT_TRUE(file.records.empty());
  g_wall += 160 * kMs;
  g_steady += 10 * kMs;
  sink.Idle(1, q1);  // ring empty after a call at T(0): complete up to T(0) - 100 ms
  EXPECT_TRUE(file.records.empty());
  g_wall += 10 * kMs;
  g_steady += 10 * kMs;
  sink.Idle(1, q1);  // after a call at T(160): complete up to T(60)
  EXPECT_EQ(Ids(file), (std::vector<uint64_t>{1, 2}));
  // The queue comes back with a packet older than queue 0's newest, but within the bound: still in order.
  sink.Consume(1, Batch({{4, T(120)}}).batch(), q1);
  sink.Consume(1, Batch({{5, T(200)}}).batch(), q1);
  EXPECT_EQ(Ids(file), (std::vector<uint64_t>{1, 2, 4, 3}));
  ASSERT_TRUE(sink.Finish().ok());
  EXPECT_EQ(Ids(file), (std::vector<uint64_t>{1, 2, 4, 3, 5}));
  EXPECT_EQ(sink.records_out_of_order(), 0u);
  EXPECT_EQ(sink.forced_merges(), 0u);
}

TEST_F(OrderedSinkTest, ARecordHeldLongerThanMaxHoldGoesOut) {
  RecordingSink file;
  OrderedSinkOptions options = TestOptions();
  options.max_hold_ns = 300 * kMs;
  OrderedSink sink(file, options);
  QueueStats q0;
  sink.Consume(0, Batch({{1, T(0)}}).batch(), q0);
  g_steady += 299 * kMs;
  sink.Idle(0, q0);
  EXPECT_TRUE(file.records.empty());
  g_steady += 6 * kMs;  // queue 1 never speaks (a packet clock far ahead of the wall clock, say)
  sink.Idle(0, q0);
  EXPECT_EQ(Ids(file), (std::vector<uint64_t>{1}));
}

TEST_F(OrderedSinkTest, FullStagingForcesTheOldestOutAndCountsWhatGoesOutOfOrder) {
  RecordingSink file;
  OrderedSinkOptions options = TestOptions();
  options.staging_bytes = 4096;  // raised to 2 x max_caplen = 4096: 64 records of 64 bytes
  options.staging_records = 1024;
  OrderedSink sink(file, options);
  QueueStats q0, q1;
  std::vector<std::pair<uint64_t, int64_t>> many;
  for (uint64_t i = 0; i < 200; ++i) many.push_back({100 + i, T(10) + static_cast<int64_t>(i)});
  sink.Consume(0, Batch(many).batch(), q0);  // queue 1 is silent: nothing is due, but this must not block
  EXPECT_GE(sink.forced_merges(), 1u);
  EXPECT_GE(file.records.size(), 200u - 64u);
  EXPECT_EQ(file.inversions, 0u);
  // Queue 1 now delivers two packets older than some already written: they are late, exactly two.
  sink.Consume(1, Batch({{1, T(1)}, {2, T(2)}}).batch(), q1);
  ASSERT_TRUE(sink.Finish().ok());
  EXPECT_EQ(file.records.size(), 202u);
  EXPECT_EQ(sink.records_out_of_order(), 2u);
  EXPECT_EQ(file.inversions, 1u) << "the two late records are in order between themselves";
  std::vector<uint64_t> ids = Ids(file);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "a record written twice";
  EXPECT_EQ(q0.packets_written, 200u);
  EXPECT_EQ(q1.packets_written, 2u);
}

TEST_F(OrderedSinkTest, AfterStagingFilledAQueueSkipsStagingUntilTheOthersCatchUp) {
  RecordingSink file;
  OrderedSinkOptions options = TestOptions();
  options.staging_bytes = 4096;  // 64 records of 64 bytes
  OrderedSink sink(file, options);
  QueueStats q0, q1;
  std::vector<std::pair<uint64_t, int64_t>> many;
  for (uint64_t i = 0; i < 100; ++i) many.push_back({i, T(10) + static_cast<int64_t>(i)});
  sink.Consume(0, Batch(many).batch(), q0);  // fills staging: forced
  ASSERT_GE(sink.forced_merges(), 1u);
  ASSERT_LT(file.records.size(), 100u);
  std::vector<std::pair<uint64_t, int64_t>> more;
  for (uint64_t i = 0; i < 10; ++i) more.push_back({100 + i, T(20) + static_cast<int64_t>(i)});
  sink.Consume(0, Batch(more).batch(), q0);  // queue 1 still silent: straight out, with all that was staged
  EXPECT_EQ(file.records.size(), 110u);
  // Queue 1 catches up: ordering waits again.
  sink.Consume(1, Batch({{200, T(30)}}).batch(), q1);
  sink.Consume(0, Batch({{201, T(40)}}).batch(), q0);
  EXPECT_EQ(file.records.size(), 111u) << "T(30) is due, T(40) waits for queue 1";
  ASSERT_TRUE(sink.Finish().ok());
  EXPECT_EQ(file.records.size(), 112u);
  EXPECT_EQ(file.records.back().id, 201u);
  EXPECT_EQ(sink.records_out_of_order(), 0u);
  EXPECT_EQ(file.inversions, 0u);
  EXPECT_EQ(q0.packets_written, 111u);
  EXPECT_EQ(q0.bytes_written, 111u * (16 + 64));
}

TEST_F(OrderedSinkTest, FullRecordRingForcesToo) {
  RecordingSink file;
  OrderedSinkOptions options = TestOptions();
  options.staging_records = 16;
  OrderedSink sink(file, options);
  QueueStats q0;
  std::vector<std::pair<uint64_t, int64_t>> many;
  for (uint64_t i = 0; i < 100; ++i) many.push_back({i, T(0) + static_cast<int64_t>(i)});
  sink.Consume(0, Batch(many).batch(), q0);
  EXPECT_GE(file.records.size(), 100u - 16u);
  ASSERT_TRUE(sink.Finish().ok());
  EXPECT_EQ(file.records.size(), 100u);
  EXPECT_EQ(sink.records_out_of_order(), 0u);
}

TEST_F(OrderedSinkTest, RecordsTheFileRefusesAreLostAfterAcceptExactly) {
  RecordingSink file;
  file.accept_left_ = 3;
  OrderedSink sink(file, TestOptions());
  QueueStats q0, q1;
  sink.Consume(0, Batch({{1, T(1)}, {3, T(3)}}).batch(), q0);
  sink.Consume(1, Batch({{2, T(2)}, {4, T(4)}, {5, T(5)}}).batch(), q1);
  ASSERT_TRUE(sink.Finish().ok());
  EXPECT_EQ(Ids(file), (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_EQ(q0.packets_written + q1.packets_written, 5u);
  EXPECT_EQ(sink.lost_after_accept(), 2u);
}

TEST_F(OrderedSinkTest, FinishTwiceFinishesTheFileOnce) {
  RecordingSink file;
  OrderedSink sink(file, TestOptions());
  QueueStats q0;
  sink.Consume(0, Batch({{1, T(1)}}).batch(), q0);
  ASSERT_TRUE(sink.Finish().ok());
  ASSERT_TRUE(sink.Finish().ok());
  EXPECT_EQ(file.finishes, 1);
  EXPECT_EQ(Ids(file), (std::vector<uint64_t>{1}));
}

// Two workers at once, with the real clocks: timestamps from one increasing counter, so each queue is in
// order and the merge must give one order, with every record once and the counters adding up.
TEST(OrderedSinkThreads, TwoWorkersMergeIntoOneOrderExactly) {
  for (size_t staging : {size_t{1} << 20, size_t{4096}}) {  // roomy, then so small that it forces
    RecordingSink file;
    OrderedSinkOptions options = TestOptions();
    options.wall_clock = nullptr;
    options.steady_clock = nullptr;
    options.staging_bytes = staging;
    options.staging_records = staging > 4096 ? 1 << 16 : 1024;
    OrderedSink sink(file, options);
    // An hour ahead of the wall clock: the bounds of idle queues (wall clock - lateness) never pass them.
    timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    std::atomic<int64_t> clock{(int64_t{now.tv_sec} + 3600) * 1'000'000'000};
    std::atomic<uint64_t> next_id{0};
    constexpr int kBatches = 400;
    QueueStats stats[2];
    auto worker = [&](uint32_t q) {
      for (int b = 0; b < kBatches; ++b) {
        std::vector<std::pair<uint64_t, int64_t>> packets;
        const int n = 1 + (b * 7 + static_cast<int>(q)) % 23;
        for (int i = 0; i < n; ++i) packets.push_back({next_id++, clock.fetch_add(1000)});
        sink.Consume(q, Batch(packets).batch(), stats[q]);
        if (b % 5 == 0) sink.Idle(q, stats[q]);
      }
    };
    std::thread t0(worker, 0), t1(worker, 1);
    t0.join();
    t1.join();
    ASSERT_TRUE(sink.Finish().ok());
    const uint64_t total = next_id.load();
    EXPECT_EQ(file.records.size(), total);
    EXPECT_EQ(stats[0].packets_written + stats[1].packets_written, total);
    EXPECT_EQ(sink.records_out_of_order(), file.late);
    if (staging > 4096) {
      EXPECT_EQ(file.late, 0u);
    }
    std::vector<uint64_t> ids;
    for (const auto& r : file.records) ids.push_back(r.id);
    std::sort(ids.begin(), ids.end());
    for (uint64_t i = 0; i < ids.size(); ++i) ASSERT_EQ(ids[i], i) << "record " << i << " missing or twice";
  }
}

}  // namespace
}  // namespace ringdump
