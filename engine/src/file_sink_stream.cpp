// FileSink's ordered path, for outputs without offsets (standard output, a pipe into `tcpdump -r -`, a FIFO)
// and for -U: each Consume() encodes its records into its queue's buffer and writes whole buffers with
// write(2) under a mutex, so records of different queues never interleave mid-record and the output is a
// valid pcap stream after every flush. A write error stops the capture; the records that were not written
// count as sink_dropped. A regular file is cut back to its last whole flush and renamed at Finish.
#include <sys/uio.h>
#include <unistd.h>

#include "file_sink.hpp"
#include "file_sink_format.hpp"
#include "file_sink_queue.hpp"
#include "sys/errors.hpp"

namespace ringdump {

void FileSink::ConsumeStream(uint32_t queue, PacketBatch batch, QueueStats& stats) {
  if (config_.format == FileFormat::kPcapng) return ConsumeOrdered<PcapngRecords>(queue, batch, stats);
  ConsumeOrdered<PcapRecords>(queue, batch, stats);
}

template <typename Format>
void FileSink::ConsumeOrdered(uint32_t queue, PacketBatch batch, QueueStats& stats) {
  uint8_t* buffer = queues_[queue]->stream_buffer.get();
  std::vector<uint8_t>& scratch = queues_[queue]->scratch;
  const size_t capacity = config_.chunk_size;
  size_t used = 0;      // bytes in buffer
  size_t buffered = 0;  // records in buffer
  size_t written = 0;   // records written out
  uint64_t written_bytes = 0;
  auto flush = [&] {
    iovec iov{buffer, used};
    const bool ok = used == 0 || WriteStream({&iov, 1});
    if (ok) {
      written += buffered;
      written_bytes += used;
    }
    used = buffered = 0;
    return ok;
  };
  for (const PacketView& packet : batch) {
    if (failed_.load(std::memory_order_relaxed)) break;
    const size_t record = Format::Size(packet);
    if (used + record > capacity && !flush()) break;
    if (record > capacity) {  // larger than the whole buffer: written on its own
      if (scratch.size() < record) scratch.resize(record);  // longer than the snaplen: never from the engine
      Format::Encode(scratch.data(), packet, config_.precision);
      iovec iov{scratch.data(), record};
      if (!WriteStream({&iov, 1})) break;
      ++written;
      written_bytes += record;
      continue;
    }
    Format::Encode(buffer + used, packet, config_.precision);
    used += record;
    ++buffered;
  }
  flush();
  accepted_.fetch_add(written, std::memory_order_relaxed);
  stats.packets_written += written;
  stats.bytes_written += written_bytes;
  stats.sink_dropped += batch.size() - written;
}

bool FileSink::WriteStream(std::span<iovec> iov) {
  std::lock_guard lock(stream_mu_);
  if (failed_.load(std::memory_order_relaxed)) return false;
  uint64_t bytes = 0;
  for (const iovec& v : iov) bytes += v.iov_len;
  Status status = Ok();
  const int injected =
      hooks_.write_result ? hooks_.write_result(ordered_flushes_, 0, static_cast<int>(bytes)) : 0;
  ++ordered_flushes_;
  if (injected < 0) {  // test hook: a write that stops half way
    iovec half{iov[0].iov_base, iov[0].iov_len / 2};
    (void)WriteFully(files_.fd.get(), {&half, 1});
    status = sys::CqeError("write", injected);
  } else {
    status = WriteFully(files_.fd.get(), iov);
  }
  if (!status.ok()) {
    Fail(std::move(status).error().Context(files_.name()));
    return false;
  }
  ordered_end_ += bytes;
  return true;
}

Status FileSink::FinishOrdered() {
  if (!files_.streaming && failed_.load()) {
    // A failed flush may have left part of a record: cut back to the last whole flush.
    std::lock_guard lock(stream_mu_);
    if (ftruncate(files_.fd.get(), static_cast<off_t>(ordered_end_)) < 0)
      Fail(sys::LastError("ftruncate").Context(files_.name()));
  }
  return CommitOutput(files_);
}

}  // namespace ringdump
