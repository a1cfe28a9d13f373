// RotatingSink: the split of batches at file boundaries (workers) and the closer thread (everything slow).
#include "rotating_sink.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "file_sink_format.hpp"
#include "repair.hpp"

extern char** environ;

namespace ringdump {
namespace {

int64_t WallSeconds() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return ts.tv_sec;
}

// A quiet link's -G file is closed by the clock this long after its deadline (packets with earlier timestamps
// may still sit in a ring block until the block's retire timeout).
constexpr int64_t kQuietRotationGraceSeconds = 1;

void WaitForExit(pid_t pid) {
  while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

Result<std::unique_ptr<RotatingSink>> RotatingSink::Create(const WriterConfig& writer, const RotationConfig& rotation,
                                                           Factory factory, Log log) {
  if (writer.path == "-") return Error("-C and -G need a file name with -w, not standard output", Error::Kind::kBadArgument);
  if (rotation.seconds > 0 && writer.path.find('%') == std::string::npos && log)
    log("warning: -G without a time (strftime %) in the file name: every interval rewrites " + writer.path +
        " (an interval without packets leaves the last one's file in place)");
  std::unique_ptr<RotatingSink> sink(new RotatingSink(writer, rotation, std::move(factory), std::move(log), WallSeconds()));
  // A run that crashed left its open files hidden: keep their packets under visible names before starting.
  const std::string directory = std::filesystem::path(writer.path).parent_path().string();
  for (const std::string& note : KeepLeftovers(directory.empty() ? "." : directory,
                                               [&](const std::string& name) { return sink->sweeper_.Matches(name); }))
    if (sink->log_) sink->log_(note);
  std::lock_guard lock(sink->mu_);
  auto first = sink->NewSegmentLocked(sink->plan_.CurrentName());
  if (!first.ok()) return std::move(first).error();
  sink->current_ = first.value();
  sink->header_bytes_ = sink->current_->bytes;
  sink->closer_ = std::thread([s = sink.get()] { s->CloserLoop(); });
  return sink;
}

RotatingSink::RotatingSink(const WriterConfig& writer, const RotationConfig& rotation, Factory factory, Log log,
                           int64_t now)
    : writer_(writer),
      rotation_(rotation),
      factory_(std::move(factory)),
      log_(std::move(log)),
      sweeper_(writer.path, rotation),
      plan_(writer.path, rotation, now) {}

RotatingSink::~RotatingSink() {
  if (closer_.joinable()) (void)Finish();
}

// A hidden name of the -w directory no other file of this process has (mu_ held).
std::string RotatingSink::PlaceholderPath() {
  return (std::filesystem::path(writer_.path).parent_path() /
          (".ringdump-next-" + std::to_string(getpid()) + "-" + std::to_string(++spare_serial_)))
      .string();
}

size_t RotatingSink::RecordSize(const PacketView& packet) const {
  return writer_.format == FileFormat::kPcapng ? PcapngRecords::Size(packet) : PcapRecords::Size(packet);
}

// A closed capture file that this run did not write (an earlier run's file of the same --align interval, say,
// after a restart) is never replaced: the new file continues under a free name beside it, and the log says
// so. A -C -W ring reuses its own slot names by design, across runs too, as tcpdump's does.
std::string RotatingSink::NameForNewFileLocked(const std::string& planned) {
  const bool ring = rotation_.file_bytes > 0 && rotation_.file_limit > 0;
  if (auto it = written_.find(planned); it != written_.end()) return it->second;
  if (ring || !PathExists(planned)) return planned;
  const std::string name = FreeContinuationName(planned);
  if (log_) log_(planned + " exists (not written by this capture): continuing in " + name + " instead of replacing it");
  return name;
}

Result<std::shared_ptr<RotatingSink::Segment>> RotatingSink::NewSegmentLocked(const std::string& planned) {
  const std::string path = NameForNewFileLocked(planned);
  written_.emplace(planned, path);
  std::unique_ptr<FileSink> file;
  if (spare_) {
    file = std::move(spare_);
    file->Retarget(path);
  } else {
    // With -W the set wraps, and the previous file of this name may still be finishing under the hidden
    // name `path` gives (a new file would unlink it as a crash's leftover): then this one is made under a
    // placeholder, as spares are.
    const bool taken = unfinished_.count(path) != 0;
    auto made = factory_(taken ? PlaceholderPath() : path);
    if (!made.ok()) return std::move(made).error();
    file = std::move(made).value();
    if (!file->note().empty() && log_) log_(file->note());
    if (taken) file->Retarget(path);
  }
  unfinished_.insert(path);
  auto segment = std::make_shared<Segment>();
  segment->bytes = file->header_bytes();
  segment->sink = std::move(file);
  segment->path = path;
  cv_.notify_all();  // the closer makes the next spare
  return segment;
}

bool RotatingSink::RotateLocked(Reason reason, int64_t now) {
  if (current_) {
    current_->retired = true;
    retired_.push_back(current_);
    current_.reset();
  }
  bool more = true;
  switch (reason) {
    case Reason::kTime: more = plan_.AdvanceTime(); break;
    case Reason::kSize: case Reason::kFailure: plan_.AdvanceSize(); break;
    case Reason::kRequest: plan_.AdvanceNow(now); break;
  }
  cv_.notify_all();
  if (!more) {
    limit_reached_.store(true, std::memory_order_release);
    stop_.store(true, std::memory_order_release);
    return false;
  }
  auto next = NewSegmentLocked(plan_.CurrentName());
  if (!next.ok()) {
    if (!error_) error_ = std::move(next).error();
    stop_.store(true, std::memory_order_release);
    return false;
  }
  current_ = next.value();
  return true;
}

void RotatingSink::Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) {
  size_t done = 0;
  while (done < batch.size()) {
    std::shared_ptr<Segment> segment;
    size_t n = 0;
    {
      std::lock_guard lock(mu_);
      if (!current_) {  // the set has ended: by design (the -W limit: not a loss), or by a write failure
        (limit_reached_.load(std::memory_order_relaxed) && !set_failed_ ? stats.after_end : stats.sink_dropped) +=
            batch.size() - done;
        return;
      }
      // A file takes packets while it holds no more than -C bytes and they are older than its -G deadline.
      uint64_t bytes = current_->bytes;
      const int64_t deadline = plan_.deadline();
      while (done + n < batch.size()) {
        const PacketView& p = batch[done + n];
        if (p.sec >= deadline || plan_.SizeExceeded(bytes)) break;
        bytes += RecordSize(p);
        ++n;
      }
      if (n == 0) {
        RotateLocked(batch[done].sec >= deadline ? Reason::kTime : Reason::kSize, batch[done].sec);
        continue;
      }
      current_->bytes = bytes;
      segment = current_;
      segment->writers.fetch_add(1, std::memory_order_acq_rel);
    }
    segment->sink->Consume(queue, batch.subspan(done, n), stats);
    if (segment->sink->WantsStop() && !segment->failure_handled.exchange(true)) {
      std::lock_guard lock(mu_);
      HandleFailureLocked(*segment);
    }
    if (segment->writers.fetch_sub(1, std::memory_order_acq_rel) == 1) cv_.notify_all();
    done += n;
  }
}

// Whether the failure is seen by a worker (the write failed while it was copying) or by the closer (the last
// write of a retired file failed), the same decision: with retention, delete the oldest other file of the set
// and go on in a new file; without retention, or with nothing left to delete, end the set. Either way the
// failed file keeps every whole record that reached the disk (FileSink), and no file is made that could only
// hold a header.
void RotatingSink::HandleFailureLocked(Segment& segment) {
  std::string deleted;
  if (rotation_.retention() && !set_failed_ && sweeper_.DeleteOldest(segment.path, &deleted)) {
    files_deleted_.fetch_add(1, std::memory_order_relaxed);
    if (log_) log_("write to " + segment.path + " failed: deleted " + deleted + " of the set to make room, continuing");
    if (&segment == current_.get()) RotateLocked(Reason::kFailure, WallSeconds());
    return;
  }
  set_failed_ = true;
  stop_.store(true, std::memory_order_release);
  if (current_) {
    current_->retired = true;
    retired_.push_back(current_);
    current_.reset();
  }
  if (spare_) spare_->Discard();
  spare_.reset();
  cv_.notify_all();
}

void RotatingSink::Idle(uint32_t queue, QueueStats& stats) {
  std::shared_ptr<Segment> segment;
  {
    std::lock_guard lock(mu_);
    if (!current_) return;
    segment = current_;
    segment->writers.fetch_add(1, std::memory_order_acq_rel);
  }
  segment->sink->Idle(queue, stats);
  if (segment->writers.fetch_sub(1, std::memory_order_acq_rel) == 1) cv_.notify_all();
}

void RotatingSink::CloserLoop() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait_for(lock, std::chrono::milliseconds(50));
    const int64_t now = WallSeconds();
    if (!closing_ && current_) {
      if (rotate_requested_.exchange(false)) {
        RotateLocked(Reason::kRequest, now);
      } else if (now >= plan_.deadline() + kQuietRotationGraceSeconds) {
        RotateLocked(Reason::kTime, plan_.deadline());  // a quiet link still gets its file per interval
      }
    }
    while (!retired_.empty() && retired_.front()->writers.load(std::memory_order_acquire) == 0) {
      std::shared_ptr<Segment> segment = retired_.front();
      retired_.pop_front();
      lock.unlock();
      FinishSegment(*segment);
      lock.lock();
    }
    if (!spare_ && !closing_ && current_ && !stop_.load()) {
      // The next file, made now so that a rotation is a pointer swap: a hidden name it is renamed from later.
      const std::string placeholder = PlaceholderPath();
      lock.unlock();
      auto made = factory_(placeholder);
      lock.lock();
      if (made.ok() && !closing_) spare_ = std::move(made).value();
      else if (made.ok()) made.value()->Discard();
    }
    lock.unlock();
    ReapChildren();
    lock.lock();
    if (closing_ && retired_.empty()) break;
  }
  lock.unlock();
  WaitForAllCommands();
}

void RotatingSink::FinishSegment(Segment& segment) {
  // However the file ends (finished, or discarded below), its name is free for the next file of the set after.
  struct Release {
    RotatingSink* sink;
    const std::string& path;
    ~Release() {
      std::lock_guard lock(sink->mu_);
      if (auto it = sink->unfinished_.find(path); it != sink->unfinished_.end()) sink->unfinished_.erase(it);
    }
  } release{this, segment.path};
  if (!rotation_.post_rotate_command.empty()) WaitForCommandsOn(segment.path);
  // -G with one name for every interval: a quiet interval must not replace the file of one with packets
  // (tcpdump keeps the last burst too; it makes no file for an interval without packets).
  if (segment.bytes == header_bytes_ && rotation_.seconds > 0 && PathExists(segment.path)) {
    segment.sink->Discard();
    return;
  }
  Status status = segment.sink->Finish();
  lost_after_accept_.fetch_add(segment.sink->lost_after_accept(), std::memory_order_relaxed);
  if (!status.ok()) {
    std::lock_guard lock(mu_);
    if (!segment.failure_handled.exchange(true)) HandleFailureLocked(segment);
    // The error that ends the set is returned by Finish() and printed once, by the caller; one the set
    // survives is only logged.
    if (set_failed_ && !error_) error_ = status.error();
    else if (!set_failed_ && log_) log_(status.error().message());
  }
  files_completed_.fetch_add(1, std::memory_order_relaxed);
  if (!rotation_.post_rotate_command.empty()) RunPostRotateCommand(segment.path);
  if (rotation_.retention())
    for (const std::string& deleted : sweeper_.Sweep(WallSeconds())) {
      files_deleted_.fetch_add(1, std::memory_order_relaxed);
      if (log_) log_("retention: deleted " + deleted);
    }
}

// tcpdump's -z: `COMMAND FILE`, no shell, with this process's (dropped) privileges; the capture never waits.
void RotatingSink::RunPostRotateCommand(const std::string& path) {
  pid_t pid = 0;
  const std::string& command = rotation_.post_rotate_command;
  char* argv[] = {const_cast<char*>(command.c_str()), const_cast<char*>(path.c_str()), nullptr};
  int rc = posix_spawnp(&pid, command.c_str(), nullptr, nullptr, argv, environ);
  if (rc != 0) {
    if (log_) log_("-z " + command + ": " + std::strerror(rc));
    return;
  }
  children_.push_back({pid, path});
}

void RotatingSink::ReapChildren() {
  std::erase_if(children_, [](const Command& c) { return waitpid(c.pid, nullptr, WNOHANG) != 0; });
}

void RotatingSink::WaitForCommandsOn(const std::string& path) {
  std::erase_if(children_, [&](const Command& c) {
    if (c.path != path) return waitpid(c.pid, nullptr, WNOHANG) != 0;
    WaitForExit(c.pid);
    return true;
  });
}

// Every file is handed to -z before the capture reports its summary: what the commands print comes first,
// and a command is never left running with the file half processed when ringdump exits.
void RotatingSink::WaitForAllCommands() {
  for (const Command& c : children_) WaitForExit(c.pid);
  children_.clear();
}

Status RotatingSink::Finish() {
  {
    std::lock_guard lock(mu_);
    if (closing_ && !closer_.joinable()) return error_ ? Status(*error_) : Ok();
    closing_ = true;
    if (current_) {
      current_->retired = true;
      retired_.push_back(current_);
      current_.reset();
    }
    if (spare_) spare_->Discard();
    spare_.reset();
    cv_.notify_all();
  }
  if (closer_.joinable()) closer_.join();
  std::lock_guard lock(mu_);
  return error_ ? Status(*error_) : Ok();
}

}  // namespace ringdump
