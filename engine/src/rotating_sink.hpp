// RotatingSink: a file set instead of one file. Workers append to the current FileSink; the batch that crosses
// a -C size (exactly as tcpdump: a file takes packets while it holds no more than -C bytes) or a -G deadline
// (by packet timestamp) is split there and the rest goes to the next file. Switching files is a pointer swap
// under a short lock; everything slow happens on the closer thread: finishing the old file (in-flight
// writes, fsync, rename from its hidden name), running -z, applying retention, creating the next file ahead
// of time (so a rotation never waits for a new buffer pool), and rotating quiet links on the clock.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "file_sink.hpp"
#include "ringdump/config.hpp"
#include "ringdump/sink.hpp"
#include "rotation.hpp"

namespace ringdump {

class RotatingSink final : public PacketSink {
 public:
  // Makes one file of the set; `path` is where it must end up (FileSink writes it under a hidden name).
  using Factory = std::function<Result<std::unique_ptr<FileSink>>(const std::string& path)>;
  // Reports what happened to the set (a file completed, a file deleted, a problem handled); may be empty.
  using Log = std::function<void(const std::string& line)>;

  static Result<std::unique_ptr<RotatingSink>> Create(const WriterConfig& writer, const RotationConfig& rotation,
                                                      Factory factory, Log log);
  ~RotatingSink() override;

  void Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) override;
  void Idle(uint32_t queue, QueueStats& stats) override;
  Status Finish() override;
  bool WantsStop() const override { return stop_.load(std::memory_order_acquire); }

  // Rotate now (SIGHUP, SIGUSR2). Async-signal-safe.
  void RequestRotate() { rotate_requested_.store(true, std::memory_order_release); }
  // Files completed (closed and renamed) so far.
  uint64_t files_completed() const { return files_completed_.load(std::memory_order_relaxed); }
  // True once -W files of -G intervals are written (tcpdump: "Maximum file limit reached").
  bool file_limit_reached() const { return limit_reached_.load(std::memory_order_acquire); }
  // Records accepted and then lost to a failed write, over every file of the set.
  uint64_t lost_after_accept() const { return lost_after_accept_.load(std::memory_order_relaxed); }
  // Files of the set deleted by retention (the limits, or to make room on a full disk) so far.
  uint64_t files_deleted() const { return files_deleted_.load(std::memory_order_relaxed); }

 private:
  struct Segment {
    std::unique_ptr<FileSink> sink;
    std::string path;
    uint64_t bytes = 0;        // header + records accounted to this file (guarded by mu_)
    std::atomic<int> writers{0};
    bool retired = false;      // guarded by mu_
    std::atomic<bool> failure_handled{false};
  };
  enum class Reason { kSize, kTime, kRequest, kFailure };

  RotatingSink(const WriterConfig& writer, const RotationConfig& rotation, Factory factory, Log log, int64_t now);
  // Ends the current file and starts the next; false when the file limit ends the capture. Holds mu_.
  bool RotateLocked(Reason reason, int64_t now);
  Result<std::shared_ptr<Segment>> NewSegmentLocked(const std::string& planned);
  std::string NameForNewFileLocked(const std::string& planned);
  void CloserLoop();
  void FinishSegment(Segment& segment);
  // A file of the set failed (disk full, I/O error): with retention make room and go on, else end the set.
  void HandleFailureLocked(Segment& segment);
  void RunPostRotateCommand(const std::string& path);
  // Reaps -z commands that have ended; with `path`, first waits for those still working on that name (a -W
  // ring is about to reuse it: `gzip NAME` must be done with the old file before a new one takes its name).
  void ReapChildren();
  void WaitForCommandsOn(const std::string& path);
  void WaitForAllCommands();
  size_t RecordSize(const PacketView& packet) const;
  std::string PlaceholderPath();

  const WriterConfig writer_;
  const RotationConfig rotation_;
  Factory factory_;
  Log log_;
  RetentionSweeper sweeper_;

  std::mutex mu_;
  std::condition_variable cv_;
  RotationPlan plan_;                        // guarded by mu_
  std::shared_ptr<Segment> current_;         // guarded by mu_
  std::deque<std::shared_ptr<Segment>> retired_;  // guarded by mu_: waiting for the closer
  std::unique_ptr<FileSink> spare_;          // guarded by mu_: the next file, made ahead of time
  uint64_t spare_serial_ = 0;
  std::multiset<std::string> unfinished_;   // guarded by mu_: final names of the files not finished yet
  bool closing_ = false;                     // guarded by mu_: Finish() has begun
  bool set_failed_ = false;                  // guarded by mu_: a write failure ended the set
  uint64_t header_bytes_ = 0;
  // Guarded by mu_: the name each planned name was written under by this run (itself, or its continuation).
  std::map<std::string, std::string> written_;

  std::atomic<bool> stop_{false};
  std::atomic<bool> limit_reached_{false};
  std::atomic<bool> rotate_requested_{false};
  std::atomic<uint64_t> files_completed_{0};
  std::atomic<uint64_t> lost_after_accept_{0};
  std::atomic<uint64_t> files_deleted_{0};
  std::optional<Error> error_;               // guarded by mu_: the first error that ended the set
  struct Command {
    pid_t pid;
    std::string path;  // the file it was given
  };
  std::vector<Command> children_;            // -z commands still running (closer thread only)
  std::thread closer_;
};

}  // namespace ringdump
