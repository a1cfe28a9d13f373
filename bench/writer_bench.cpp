// Micro benchmarks of the write path: encoding pcap records, and FileSink end to end (Consume from 1..N
// threads through the chunk pool, io_uring and the file system, Finish included). Directories are chosen with
// RINGDUMP_BENCH_DIRS (colon-separated, default "/var/tmp:/dev/shm": a disk and tmpfs). RINGDUMP_BENCH_CHUNK_KIB
// overrides FileSink's chunk size (default 4096 KiB).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "file_sink.hpp"
#include "pcap_format.hpp"

namespace ringdump {
namespace {

// Packets of one ring block's worth: sizes cycling over small, medium and full frames.
struct Block {
  std::vector<uint8_t> bytes = std::vector<uint8_t>(1514, 0x5a);
  std::vector<PacketView> views;
  explicit Block(size_t count, uint32_t fixed_size = 0) {
    static constexpr uint32_t kSizes[] = {64, 590, 1514, 128, 1514, 64};
    for (size_t i = 0; i < count; ++i) {
      PacketView v;
      v.data = bytes.data();
      v.caplen = v.len = fixed_size ? fixed_size : kSizes[i % 6];
      v.sec = 1700000000;
      v.nsec = static_cast<uint32_t>(i);
      views.push_back(v);
    }
  }
  uint64_t RecordBytes() const {
    uint64_t total = 0;
    for (const auto& v : views) total += PcapRecordSize(v);
    return total;
  }
};

void BM_EncodePcapRecord(benchmark::State& state) {
  const Block block(256, static_cast<uint32_t>(state.range(0)));
  std::vector<uint8_t> out(block.RecordBytes());
  for (auto _ : state) {
    uint8_t* p = out.data();
    for (const PacketView& v : block.views) p = EncodePcapRecord(p, v, TimestampPrecision::kMicro);
    benchmark::DoNotOptimize(p);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * block.views.size());
  state.SetBytesProcessed(state.iterations() * block.RecordBytes());
}
BENCHMARK(BM_EncodePcapRecord)->Arg(64)->Arg(1514);

// Writes `state.range(1)` MiB of records from `state.range(0)` threads into one file, Finish included.
// sync: no io_uring (FileSinkTestHooks::disable_uring), each full chunk written by pwrite(2) from the worker.
void FileSinkThroughput(benchmark::State& state, const std::string& dir, bool direct, bool sync) {
  const uint32_t threads = static_cast<uint32_t>(state.range(0));
  const uint64_t target = uint64_t(state.range(1)) << 20;
  const Block block(512);
  const uint64_t per_batch = block.RecordBytes();
  const uint64_t batches_per_thread = target / per_batch / threads;
  uint64_t stalls = 0;
  bool direct_used = false;
  for (auto _ : state) {
    // Timed like fio's bandwidth: from the first write to the last byte synced. Creating the file (and
    // touching the pool) and removing it afterwards are outside, as fio lays out and unlinks outside its clock.
    state.PauseTiming();
    WriterConfig config;
    config.path = dir + "/ringdump_writer_bench_" + std::to_string(getpid()) + ".pcap";
    config.direct_io = direct;
    if (const char* kib = std::getenv("RINGDUMP_BENCH_CHUNK_KIB")) config.chunk_size = std::atoi(kib) * 1024u;
    FileSinkTestHooks hooks;
    hooks.disable_uring = sync;
    auto sink = FileSink::Create(config, LinkType::kEthernet, 65535, threads, hooks);
    if (!sink.ok()) {
      state.ResumeTiming();
      state.SkipWithError(sink.error().message().c_str());
      return;
    }
    direct_used = sink.value()->direct_io_active();
    state.ResumeTiming();
    std::vector<QueueStats> stats(threads);
    std::vector<std::thread> workers;
    for (uint32_t q = 0; q < threads; ++q)
      workers.emplace_back([&, q] {
        for (uint64_t b = 0; b < batches_per_thread; ++b) sink.value()->Consume(q, block.views, stats[q]);
      });
    for (auto& w : workers) w.join();
    if (!sink.value()->Finish().ok()) state.SkipWithError("Finish failed");
    state.PauseTiming();
    for (const auto& s : stats) stalls += s.writer_stalls;
    unlink(config.path.c_str());
    state.ResumeTiming();
  }
  state.SetBytesProcessed(state.iterations() * batches_per_thread * threads * per_batch);
  state.SetItemsProcessed(state.iterations() * batches_per_thread * threads * block.views.size());
  state.counters["stalls_per_iter"] = static_cast<double>(stalls) / state.iterations();
  state.counters["o_direct"] = direct_used ? 1 : 0;
}

// The peer: a plain write(2) loop of the same bytes from 4 MiB buffers (FileSink's chunk size), the file
// opened, written and fsync'ed per iteration like FileSink's Finish(). The buffers hold encoded records, so
// only the write itself is measured.
void WriteLoopThroughput(benchmark::State& state, const std::string& dir, bool direct) {
  const uint64_t target = uint64_t(state.range(1)) << 20;
  constexpr size_t kBuffer = 4u << 20;
  void* raw = nullptr;
  if (posix_memalign(&raw, 4096, kBuffer) != 0) {
    state.SkipWithError("posix_memalign");
    return;
  }
  std::unique_ptr<uint8_t, decltype(&free)> buffer(static_cast<uint8_t*>(raw), &free);
  std::memset(buffer.get(), 0x5a, kBuffer);
  const std::string path = dir + "/ringdump_write_loop_bench_" + std::to_string(getpid()) + ".pcap";
  for (auto _ : state) {
    state.PauseTiming();  // open and unlink outside the clock, as for FileSink and fio
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | (direct ? O_DIRECT : 0), 0600);
    if (fd < 0) {
      state.ResumeTiming();
      state.SkipWithError("open failed (O_DIRECT refused?)");
      return;
    }
    state.ResumeTiming();
    for (uint64_t done = 0; done < target; done += kBuffer) {
      if (write(fd, buffer.get(), kBuffer) != static_cast<ssize_t>(kBuffer)) {
        state.SkipWithError("short write");
        break;
      }
    }
    fsync(fd);
    close(fd);
    state.PauseTiming();
    unlink(path.c_str());
    state.ResumeTiming();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(target));
}

void RegisterFileSinkBenchmarks() {
  const char* env = std::getenv("RINGDUMP_BENCH_DIRS");
  std::string dirs = env ? env : "/var/tmp:/dev/shm";
  size_t start = 0;
  while (start <= dirs.size()) {
    const size_t end = dirs.find(':', start) == std::string::npos ? dirs.size() : dirs.find(':', start);
    const std::string dir = dirs.substr(start, end - start);
    start = end + 1;
    if (dir.empty() || access(dir.c_str(), W_OK) != 0) continue;
    for (bool direct : {true, false}) {
      for (bool sync : {false, true}) {
        const std::string name =
            std::string(sync ? "BM_FileSinkSync/" : "BM_FileSink/") + dir + (direct ? "/direct" : "/buffered");
        benchmark::RegisterBenchmark(
            name.c_str(), [dir, direct, sync](benchmark::State& s) { FileSinkThroughput(s, dir, direct, sync); })
            ->Args({1, 512})
            ->Args({2, 512})
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime()
            ->Iterations(3);
      }
      const std::string loop = "BM_WriteLoop/" + dir + (direct ? "/direct" : "/buffered");
      benchmark::RegisterBenchmark(
          loop.c_str(), [dir, direct](benchmark::State& s) { WriteLoopThroughput(s, dir, direct); })
          ->Args({1, 512})
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime()
          ->Iterations(3);
    }
  }
}

}  // namespace
}  // namespace ringdump

int main(int argc, char** argv) {
  ringdump::RegisterFileSinkBenchmarks();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
