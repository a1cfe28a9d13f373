// FileSink's ordered path for outputs without offsets (standard output, a pipe into `tcpdump -r -`, a FIFO):
// each Consume() encodes its records into its queue's buffer and writes whole buffers with write(2) under a
// mutex, so records of different queues never interleave mid-record. A write error stops the capture; the
// records that were not written count as sink_dropped.
#include <sys/uio.h>

#include "file_sink.hpp"
#include "file_sink_queue.hpp"
#include "pcap_format.hpp"

namespace ringdump {

void FileSink::ConsumeStream(uint32_t queue, PacketBatch batch, QueueStats& stats) {
  uint8_t* buffer = queues_[queue]->stream_buffer.get();
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
    const size_t record = PcapRecordSize(packet);
    if (used + record > capacity && !flush()) break;
    if (record > capacity) {  // larger than the whole buffer: header and bytes in one writev
      uint8_t header[kPcapRecordHeaderSize];
      EncodePcapRecordHeader(header, packet, config_.precision);
      iovec iov[2] = {{header, sizeof(header)}, {const_cast<uint8_t*>(packet.data), packet.caplen}};
      if (!WriteStream(iov)) break;
      ++written;
      written_bytes += record;
      continue;
    }
    EncodePcapRecord(buffer + used, packet, config_.precision);
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
  Status status = WriteFully(files_.fd.get(), iov);
  if (!status.ok()) Fail(std::move(status).error().Context(files_.name()));
  return status.ok();
}

}  // namespace ringdump
