// The capture hot path without a socket: synthetic TPACKET_V3 blocks (laid out exactly as the kernel lays
// them out, tests/support/synthetic_block.hpp) walked by the real walker (WalkBlock) into the real writer
// (FileSink::Consume), next to the peers for the same packets:
//   BM_Walk                 the walk alone (headers -> PacketViews)
//   BM_WalkChunks           walk + FileSink's encoder and chunk buffers with no I/O (the writes "complete"
//                           at once: FileSinkTestHooks::discard_writes): the engine's own work per packet
//   BM_WalkFileSink         walk + FileSink (ringdump -w): records copied into chunks, written by io_uring
//   BM_WalkPcapDumpNull     walk + libpcap's pcap_dump into a FILE* on /dev/null: the peer with no I/O
//   BM_WalkPcapDump         walk + libpcap's pcap_dump into a stdio FILE* (what tcpdump -w does per packet)
//   BM_Memcpy               one memcpy of the same record bytes per block: the ceiling of any copying writer
//   BM_WalkChunksThreads    1 or 2 workers walking their own blocks into ONE FileSink without I/O (scaling)
//   BM_WalkFileSinkThreads  the same, writing the file
//   BM_MemcpyThreads        1 or 2 threads doing only the copy of BM_WalkChunksThreads: the scaling ceiling
//   BM_WalkOrderedThreads   2 workers whose blocks interleave in time into one FileSink without I/O, straight
//                           (ordered:0, as BM_WalkChunksThreads) or through the OrderedSink merge (ordered:1)
// The "ring" is kRingBlocks blocks of kBlockSize bytes (ringdump -w's defaults: 16 x 4 MiB), cycled, so the
// packet bytes come from memory the size of a real ring rather than from a block that stays in L2.
// Files go to RINGDUMP_BENCH_DIR (default /dev/shm) and are removed; each run ends with Finish()/close inside
// the timed region, so bytes still in flight are paid for. Times are wall-clock (UseRealTime): the writer's
// kernel work (io_uring, the page cache) is included wherever it runs.
#include <benchmark/benchmark.h>
#include <pcap/pcap.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "block_walk.hpp"
#include "cpu_topology.hpp"
#include "file_sink.hpp"
#include "ordered_sink.hpp"
#include "stream_copy.hpp"
#include "synthetic_block.hpp"

namespace ringdump {
namespace {

using testing::SyntheticBlock;
using testing::SyntheticPacket;

constexpr uint32_t kBlockSize = 4u << 20;
constexpr size_t kRingBlocks = 16;

// kRingBlocks full blocks of frames of one size; `pristine` keeps an untouched copy of every block where the
// walk rewrites headers in place (VLAN re-insertion), so each walk starts from what the kernel wrote.
struct Ring {
  std::vector<SyntheticBlock> blocks;
  std::vector<SyntheticBlock> pristine;
  uint64_t packets_per_block = 0;
  uint64_t record_bytes_per_block = 0;  // pcap record headers + captured bytes (VLAN tag included)
};

Ring& GetRing(size_t frame_size, bool vlan) {
  static std::map<std::pair<size_t, bool>, std::unique_ptr<Ring>> rings;
  auto& slot = rings[{frame_size, vlan}];
  if (slot) return *slot;
  slot = std::make_unique<Ring>();
  Ring& ring = *slot;
  uint64_t seq = 0;
  for (size_t b = 0; b < kRingBlocks; ++b) {
    SyntheticBlock block(kBlockSize, kFrameHeadroom);
    for (;;) {
      SyntheticPacket p;
      p.frame = testing::UdpFrame(frame_size, seq);
      p.sec = 1700000000 + static_cast<uint32_t>(seq / 1000000);
      p.nsec = static_cast<uint32_t>(seq % 1000000) * 1000;
      if (vlan) {
        p.vlan = true;
        p.vlan_tci = static_cast<uint16_t>(100 + seq % 8);
      }
      if (!block.Add(p)) break;
      ++seq;
    }
    ring.packets_per_block = block.count();
    ring.blocks.push_back(block);
  }
  const uint64_t caplen = std::max<size_t>(frame_size, 60) + (vlan ? 4 : 0);
  ring.record_bytes_per_block = ring.packets_per_block * (16 + caplen);
  if (vlan) ring.pristine = ring.blocks;
  return ring;
}

std::string BenchPath(const char* what) {
  const char* dir = std::getenv("RINGDUMP_BENCH_DIR");
  return std::string(dir ? dir : "/dev/shm") + "/ringdump_hot_path_" + what + "_" + std::to_string(getpid()) +
         ".pcap";
}

double ClockSeconds(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// CPU seconds spent inside the timed region: of the calling (worker) thread, and of the whole process (the
// io_uring workers that copy into the page cache are threads of this process). Wall-clock rates alone hide
// where the time goes; "Mpps per core" is packets per CPU second.
class CpuMeter {
 public:
  void Start() {
    thread_ -= ClockSeconds(CLOCK_THREAD_CPUTIME_ID);
    process_ -= ClockSeconds(CLOCK_PROCESS_CPUTIME_ID);
  }
  void Stop() {
    thread_ += ClockSeconds(CLOCK_THREAD_CPUTIME_ID);
    process_ += ClockSeconds(CLOCK_PROCESS_CPUTIME_ID);
  }
  void Report(benchmark::State& state, uint64_t packets) const {
    if (thread_ > 0) state.counters["Mpps_per_worker_cpu"] = static_cast<double>(packets) / thread_ / 1e6;
    if (process_ > 0) state.counters["Mpps_per_process_cpu"] = static_cast<double>(packets) / process_ / 1e6;
  }

 private:
  double thread_ = 0;
  double process_ = 0;
};

// The ring's block for iteration `i`, restored from its pristine copy (outside the timed region) when the
// walk rewrites it.
uint8_t* BlockFor(benchmark::State& state, Ring& ring, uint64_t i, CpuMeter& cpu) {
  const size_t b = i % ring.blocks.size();
  if (!ring.pristine.empty()) {
    state.PauseTiming();
    std::memcpy(ring.blocks[b].data(), ring.pristine[b].data(), kBlockSize);
    state.ResumeTiming();
  }
  cpu.Start();
  return ring.blocks[b].data();
}

void SetRates(benchmark::State& state, uint64_t blocks, const Ring& ring, const CpuMeter& cpu) {
  state.SetItemsProcessed(static_cast<int64_t>(blocks * ring.packets_per_block));
  state.SetBytesProcessed(static_cast<int64_t>(blocks * ring.record_bytes_per_block));
  state.counters["pkts_per_block"] = static_cast<double>(ring.packets_per_block);
  cpu.Report(state, blocks * ring.packets_per_block);
}

void BM_Walk(benchmark::State& state, bool vlan) {
  Ring& ring = GetRing(static_cast<size_t>(state.range(0)), vlan);
  std::vector<PacketView> views(MaxPacketsPerBlock(kBlockSize));
  const BlockWalkOptions options;
  uint64_t i = 0;
  CpuMeter cpu;
  for (auto _ : state) {
    uint8_t* block = BlockFor(state, ring, i++, cpu);
    BlockWalkResult r = WalkBlock(block, kBlockSize, options, views);
    benchmark::DoNotOptimize(r);
    benchmark::DoNotOptimize(views.data());
    benchmark::ClobberMemory();
    cpu.Stop();
  }
  SetRates(state, i, ring, cpu);
}

void BM_WalkFileSink(benchmark::State& state, bool vlan, bool discard) {
  Ring& ring = GetRing(static_cast<size_t>(state.range(0)), vlan);
  std::vector<PacketView> views(MaxPacketsPerBlock(kBlockSize));
  const BlockWalkOptions options;
  WriterConfig config;
  config.path = BenchPath("sink");
  FileSinkTestHooks hooks;
  hooks.discard_writes = discard;
  auto sink = FileSink::Create(config, LinkType::kEthernet, options.snaplen, 1, hooks);
  if (!sink.ok()) {
    state.SkipWithError(sink.error().message().c_str());
    return;
  }
  QueueStats stats;
  uint64_t i = 0;
  CpuMeter cpu;
  for (auto _ : state) {
    uint8_t* block = BlockFor(state, ring, i++, cpu);
    BlockWalkResult r = WalkBlock(block, kBlockSize, options, views);
    sink.value()->Consume(0, PacketBatch(views.data(), r.count), stats);
    if (i == static_cast<uint64_t>(state.max_iterations) && !sink.value()->Finish().ok())
      state.SkipWithError("Finish failed");
    cpu.Stop();
  }
  if (stats.packets_written != i * ring.packets_per_block) state.SkipWithError("packets missing");
  SetRates(state, i, ring, cpu);
  state.counters["stalls"] = static_cast<double>(stats.writer_stalls);
  state.counters["o_direct"] = sink.value()->direct_io_active() ? 1 : 0;
  sink.value().reset();
  unlink(config.path.c_str());
}

// tcpdump -w: libpcap hands each packet to a callback that calls pcap_dump (fwrite of header and bytes into a
// stdio buffer, flushed with write(2) when full). The same walker stands in for libpcap's own ring walk.
void BM_WalkPcapDump(benchmark::State& state, bool vlan, bool null_device) {
  Ring& ring = GetRing(static_cast<size_t>(state.range(0)), vlan);
  std::vector<PacketView> views(MaxPacketsPerBlock(kBlockSize));
  const BlockWalkOptions options;
  const std::string path = null_device ? "/dev/null" : BenchPath("pcap_dump");
  pcap_t* dead = pcap_open_dead(DLT_EN10MB, static_cast<int>(options.snaplen));
  pcap_dumper_t* dumper = pcap_dump_open(dead, path.c_str());
  if (dumper == nullptr) {
    state.SkipWithError(pcap_geterr(dead));
    pcap_close(dead);
    return;
  }
  uint64_t i = 0;
  CpuMeter cpu;
  for (auto _ : state) {
    uint8_t* block = BlockFor(state, ring, i++, cpu);
    BlockWalkResult r = WalkBlock(block, kBlockSize, options, views);
    for (size_t k = 0; k < r.count; ++k) {
      const PacketView& v = views[k];
      pcap_pkthdr h;
      h.ts.tv_sec = v.sec;
      h.ts.tv_usec = v.nsec / 1000;
      h.caplen = v.caplen;
      h.len = v.len;
      pcap_dump(reinterpret_cast<u_char*>(dumper), &h, v.data);
    }
    if (i == static_cast<uint64_t>(state.max_iterations)) {
      pcap_dump_close(dumper);
      dumper = nullptr;
    }
    cpu.Stop();
  }
  if (dumper != nullptr) pcap_dump_close(dumper);
  pcap_close(dead);
  SetRates(state, i, ring, cpu);
  if (!null_device) unlink(path.c_str());
}

// The ceiling: the same number of record bytes per block, copied with one memcpy into write buffers the size
// of FileSink's chunk pool (8 x 4 MiB), cycled.
void BM_Memcpy(benchmark::State& state) {
  Ring& ring = GetRing(static_cast<size_t>(state.range(0)), false);
  constexpr size_t kPool = 8u * (4u << 20);
  std::vector<uint8_t> dest(kPool + kBlockSize);
  const size_t bytes = ring.record_bytes_per_block;
  uint64_t i = 0;
  size_t pos = 0;
  CpuMeter cpu;
  for (auto _ : state) {
    cpu.Start();
    const uint8_t* src = ring.blocks[i++ % ring.blocks.size()].data();
    std::memcpy(dest.data() + pos, src, bytes);
    benchmark::DoNotOptimize(dest.data());
    benchmark::ClobberMemory();
    pos = (pos + bytes) % kPool;
    cpu.Stop();
  }
  SetRates(state, i, ring, cpu);
}

// Runs body(q) on `threads` threads, thread q pinned to cpus[q] like the engine's workers (one core each,
// chosen with hwloc): unpinned, the scheduler may start both on the creating thread's core for the few
// milliseconds an iteration lasts. (sched_setaffinity: PinCurrentThread loads the hwloc topology, which takes
// milliseconds; fine once per capture, not once per iteration.)
template <typename Body>
void RunPinned(uint32_t threads, const std::vector<int>& cpus, Body body) {
  std::vector<std::thread> workers;
  for (uint32_t q = 0; q < threads; ++q) {
    workers.emplace_back([&, q] {
      cpu_set_t set;
      CPU_ZERO(&set);
      CPU_SET(cpus[q], &set);
      sched_setaffinity(0, sizeof set, &set);
      body(q);
    });
  }
  for (auto& w : workers) w.join();
}

constexpr size_t kBlocksPerWorker = kRingBlocks / 2;

// `threads` workers, each walking its own half of the ring (as each fanout queue has its own ring) into one
// FileSink with a queue per worker. One iteration: every worker processes kRingBlocks / 2 blocks, so the work
// per worker is the same for 1 and 2 workers and items/s shows the scaling.
void BM_WalkFileSinkThreads(benchmark::State& state, bool discard) {
  Ring& ring = GetRing(static_cast<size_t>(state.range(0)), false);
  const uint32_t threads = static_cast<uint32_t>(state.range(1));
  WriterConfig config;
  config.path = BenchPath("sink_threads");
  const BlockWalkOptions options;
  FileSinkTestHooks hooks;
  hooks.discard_writes = discard;
  auto sink = FileSink::Create(config, LinkType::kEthernet, options.snaplen, threads, hooks);
  if (!sink.ok()) {
    state.SkipWithError(sink.error().message().c_str());
    return;
  }
  std::vector<QueueStats> stats(threads);
  const std::vector<int> cpus = ChooseWorkerCpus(threads, "lo");
  std::vector<std::vector<PacketView>> worker_views(threads,
                                                    std::vector<PacketView>(MaxPacketsPerBlock(kBlockSize)));
  uint64_t i = 0;
  CpuMeter cpu;  // the process clock counts every worker; the thread clock only the (idle) main thread
  for (auto _ : state) {
    cpu.Start();
    ++i;
    RunPinned(threads, cpus, [&](uint32_t q) {
      std::vector<PacketView>& views = worker_views[q];
      for (size_t b = 0; b < kBlocksPerWorker; ++b) {
        uint8_t* block = ring.blocks[(q * kBlocksPerWorker + b) % kRingBlocks].data();
        BlockWalkResult r = WalkBlock(block, kBlockSize, options, views);
        sink.value()->Consume(q, PacketBatch(views.data(), r.count), stats[q]);
      }
    });
    if (i == static_cast<uint64_t>(state.max_iterations) && !sink.value()->Finish().ok())
      state.SkipWithError("Finish failed");
    cpu.Stop();
  }
  SetRates(state, i * kBlocksPerWorker * threads, ring, cpu);
  state.counters.erase("Mpps_per_worker_cpu");  // the main thread's clock: it only waits for the workers
  uint64_t stalls = 0;
  for (const auto& s : stats) stalls += s.writer_stalls;
  state.counters["stalls"] = static_cast<double>(stalls);
  state.counters["o_direct"] = sink.value()->direct_io_active() ? 1 : 0;
  sink.value().reset();
  unlink(config.path.c_str());
}

// The scaling ceiling of this machine: BM_WalkChunksThreads's work with everything but the copy taken out.
// Each thread copies the record bytes of its own half of the ring into its own half of a chunk-pool-sized
// destination, pinned like the workers, with memcpy (store:0) or with the engine's non-temporal StreamCopy
// (store:1, what FileSink uses for O_DIRECT chunks); if two copies do not run 2x one, no copying engine can.
void BM_MemcpyThreads(benchmark::State& state) {
  const bool streaming = state.range(2) != 0;
  Ring& ring = GetRing(static_cast<size_t>(state.range(0)), false);
  const uint32_t threads = static_cast<uint32_t>(state.range(1));
  constexpr size_t kPoolPerThread = 4u * (4u << 20);
  std::vector<std::vector<uint8_t>> dest(threads, std::vector<uint8_t>(kPoolPerThread + kBlockSize));
  const std::vector<int> cpus = ChooseWorkerCpus(threads, "lo");
  const size_t bytes = ring.record_bytes_per_block;
  uint64_t i = 0;
  CpuMeter cpu;
  for (auto _ : state) {
    cpu.Start();
    ++i;
    RunPinned(threads, cpus, [&](uint32_t q) {
      size_t pos = 0;
      for (size_t b = 0; b < kBlocksPerWorker; ++b) {
        const uint8_t* src = ring.blocks[(q * kBlocksPerWorker + b) % kRingBlocks].data();
        if (streaming) {
          StreamCopy(dest[q].data() + pos, src, bytes);
        } else {
          std::memcpy(dest[q].data() + pos, src, bytes);
        }
        benchmark::DoNotOptimize(dest[q].data());
        benchmark::ClobberMemory();
        pos = (pos + bytes) % kPoolPerThread;
      }
      StreamFence();
    });
    cpu.Stop();
  }
  SetRates(state, i * kBlocksPerWorker * threads, ring, cpu);
  state.counters.erase("Mpps_per_worker_cpu");  // the main thread's clock: it only waits for the workers
}
// The cost of the time-order merge: 2 workers, worker q walking blocks q, q + 2, q + 4..., restamped so that
// the b-th blocks of the two workers cover the same second, packet by packet interleaved (two equally busy
// fanout queues), into one FileSink without I/O, either straight (the records of the two queues interleave by
// block) or through an OrderedSink (the merge; the queue that delivers a stretch of time first has it copied
// into staging, the second goes straight). A worker never runs more than one block ahead of the other (real
// rings fill at the same wall-clock pace).
void BM_WalkOrderedThreads(benchmark::State& state) {
  Ring& ring = GetRing(static_cast<size_t>(state.range(0)), false);
  const bool ordered = state.range(1) != 0;
  constexpr uint32_t threads = 2;
  WriterConfig config;
  config.path = BenchPath("ordered_threads");
  const BlockWalkOptions options;
  FileSinkTestHooks hooks;
  hooks.discard_writes = true;
  auto file = FileSink::Create(config, LinkType::kEthernet, options.snaplen, threads, hooks);
  if (!file.ok()) {
    state.SkipWithError(file.error().message().c_str());
    return;
  }
  RingConfig ring_config;  // ringdump -w's: 4 MiB blocks, 100 ms retire timeout
  OrderedSink merge(*file.value(), OrderedSinkOptionsFor(ring_config, threads, options.snaplen, FileFormat::kPcap));
  PacketSink& sink = ordered ? static_cast<PacketSink&>(merge) : *file.value();
  std::vector<QueueStats> stats(threads);
  const std::vector<int> cpus = ChooseWorkerCpus(threads, "lo");
  std::vector<std::vector<PacketView>> worker_views(threads,
                                                    std::vector<PacketView>(MaxPacketsPerBlock(kBlockSize)));
  uint64_t i = 0;
  CpuMeter cpu;
  for (auto _ : state) {
    cpu.Start();
    const int64_t shift = 1'700'000'000 + static_cast<int64_t>(i++) * 10;
    std::atomic<size_t> done[threads] = {0, 0};
    RunPinned(threads, cpus, [&](uint32_t q) {
      std::vector<PacketView>& views = worker_views[q];
      for (size_t b = 0; b < kBlocksPerWorker; ++b) {
        // As the kernel fills both rings at the traffic's pace, neither worker gets more than a block ahead.
        while (done[1 - q].load(std::memory_order_acquire) + 1 < b) std::this_thread::yield();
        uint8_t* block = ring.blocks[(2 * b + q) % kRingBlocks].data();
        BlockWalkResult r = WalkBlock(block, kBlockSize, options, views);
        // Two equally busy queues: packet k of each worker's b-th block interleaves with the other's.
        const int64_t first = (shift + static_cast<int64_t>(b)) * 1'000'000'000;
        for (size_t k = 0; k < r.count; ++k) {
          const int64_t ns = first + static_cast<int64_t>(k) * 2 + q;
          views[k].sec = ns / 1'000'000'000;
          views[k].nsec = static_cast<uint32_t>(ns % 1'000'000'000);
        }
        sink.Consume(q, PacketBatch(views.data(), r.count), stats[q]);
        done[q].store(b + 1, std::memory_order_release);
      }
    });
    if (i == static_cast<uint64_t>(state.max_iterations) && !sink.Finish().ok())
      state.SkipWithError("Finish failed");
    cpu.Stop();
  }
  SetRates(state, i * kBlocksPerWorker * threads, ring, cpu);
  state.counters.erase("Mpps_per_worker_cpu");
  uint64_t stalls = 0, written = 0;
  for (const auto& s : stats) {
    stalls += s.writer_stalls;
    written += s.packets_written;
  }
  if (written != i * kBlocksPerWorker * threads * ring.packets_per_block) state.SkipWithError("packets missing");
  state.counters["stalls"] = static_cast<double>(stalls);
  state.counters["out_of_order"] = static_cast<double>(merge.records_out_of_order());
  state.counters["forced"] = static_cast<double>(merge.forced_merges());
  file.value().reset();
  unlink(config.path.c_str());
}

constexpr int64_t kSizes[] = {64, 512, 1500};

void Register() {
  for (bool vlan : {false, true}) {
    const std::string suffix = vlan ? "_Vlan" : "";
    auto walk = benchmark::RegisterBenchmark(("BM_Walk" + suffix).c_str(),
                                             [vlan](benchmark::State& s) { BM_Walk(s, vlan); });
    auto chunks = benchmark::RegisterBenchmark(("BM_WalkChunks" + suffix).c_str(),
                                               [vlan](benchmark::State& s) { BM_WalkFileSink(s, vlan, true); });
    auto sink = benchmark::RegisterBenchmark(("BM_WalkFileSink" + suffix).c_str(),
                                             [vlan](benchmark::State& s) { BM_WalkFileSink(s, vlan, false); });
    auto dump_null = benchmark::RegisterBenchmark(
        ("BM_WalkPcapDumpNull" + suffix).c_str(), [vlan](benchmark::State& s) { BM_WalkPcapDump(s, vlan, true); });
    auto dump = benchmark::RegisterBenchmark(("BM_WalkPcapDump" + suffix).c_str(),
                                             [vlan](benchmark::State& s) { BM_WalkPcapDump(s, vlan, false); });
    for (auto* b : {walk, chunks, sink, dump_null, dump}) {
      b->ArgName("frame")->UseRealTime()->Unit(benchmark::kMicrosecond);
      if (vlan) {
        b->Arg(64)->Arg(1500);
      } else {
        for (int64_t size : kSizes) b->Arg(size);
      }
    }
  }
  auto copy = benchmark::RegisterBenchmark("BM_Memcpy", BM_Memcpy);
  copy->ArgName("frame")->UseRealTime()->Unit(benchmark::kMicrosecond);
  for (int64_t size : kSizes) copy->Arg(size);
  for (bool discard : {true, false}) {
    auto threads = benchmark::RegisterBenchmark(discard ? "BM_WalkChunksThreads" : "BM_WalkFileSinkThreads",
                                                [discard](benchmark::State& s) { BM_WalkFileSinkThreads(s, discard); });
    threads->ArgNames({"frame", "workers"})->UseRealTime()->Unit(benchmark::kMillisecond);
    for (int64_t size : kSizes) threads->Args({size, 1})->Args({size, 2});
  }
  auto ordered = benchmark::RegisterBenchmark("BM_WalkOrderedThreads", BM_WalkOrderedThreads);
  ordered->ArgNames({"frame", "ordered"})->UseRealTime()->Unit(benchmark::kMillisecond);
  for (int64_t size : kSizes) ordered->Args({size, 0})->Args({size, 1});
  auto copy_threads = benchmark::RegisterBenchmark("BM_MemcpyThreads", BM_MemcpyThreads);
  copy_threads->ArgNames({"frame", "workers", "store"})->UseRealTime()->Unit(benchmark::kMillisecond);
  for (int64_t size : kSizes) {
    for (int64_t streaming : {0, 1}) copy_threads->Args({size, 1, streaming})->Args({size, 2, streaming});
  }
}

}  // namespace
}  // namespace ringdump

int main(int argc, char** argv) {
  ringdump::Register();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
