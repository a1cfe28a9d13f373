// A sequential reader of capture files for `ringdump query` and the index scan: pcap (microsecond and
// nanosecond, either byte order), pcapng (any number of sections and interfaces, any if_tsresol) and either
// of them gzip-compressed (zlib's gzread, so a file still being compressed reads up to where it got).
//
// It trusts nothing past the file header, like repair.cpp's scan: a record counts only when its header is
// plausible and its bytes are all there. The first record that is not (a torn tail, the zero-filled hole an
// O_DIRECT writer leaves past its last chunk, the end of a file still being written) ends the file quietly:
// Next() returns false and stop_reason() says why. Only an unreadable file or a bad file header is an error.
//
// Records are read through one buffer (1 MiB, grown for a larger record); a RecordView points into it and is
// valid until the next call to Next() or Seek().
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "ringdump/result.hpp"

namespace ringdump {

// One interface a file describes: the pcap global header, or a pcapng interface description block.
struct CaptureInterface {
  uint32_t link_type = 1;  // LINKTYPE_ value as stored in the file
  uint32_t snaplen = 0;
  uint64_t ticks_per_second = 1000000;  // pcapng if_tsresol; pcap: 10^6 or 10^9 from the magic
  int64_t offset_seconds = 0;           // pcapng if_tsoffset
  std::string name;                     // pcapng if_name
  std::string description;              // pcapng if_description
  bool nano() const { return ticks_per_second > 1000000; }
  // The DLT_ value libpcap uses for this LINKTYPE_ (they differ for a few old types, RAW among them).
  int dlt() const;
};

enum class CaptureFileFormat : uint8_t { kPcap = 1, kPcapng = 2 };

// One record (pcap record, pcapng enhanced or obsolete packet block). `data` points into the reader's buffer.
struct RecordView {
  int64_t ts_ns = 0;
  const uint8_t* data = nullptr;
  uint32_t caplen = 0;
  uint32_t len = 0;
  uint32_t interface = 0;  // index into CaptureReader::interfaces() (file-wide, across pcapng sections)
  uint32_t epb_flags = 0;  // pcapng epb_flags (0: none)
  uint64_t offset = 0;     // where the record starts in the (uncompressed) file
  uint32_t record_bytes = 0;
};

class ByteSource;

class CaptureReader {
 public:
  // Opens `path` (".gz" or gzip magic: decompressed) and reads the file header; for pcapng also every block
  // before the first packet. Errors name the file.
  static Result<CaptureReader> Open(const std::string& path);
  CaptureReader(CaptureReader&&) noexcept;
  CaptureReader& operator=(CaptureReader&&) noexcept;
  ~CaptureReader();

  // The next record; false at the end of the file or at the first record that is not whole and plausible.
  // An error only when reading fails (EIO, a corrupt gzip stream).
  Result<bool> Next(RecordView* record);

  // Continues at `offset`, which must be a record boundary (from an index) at or after data_start(). Records
  // at or after `limit` are not returned (UINT64_MAX: to the end). For gzip, a seek forward decompresses up
  // to it (zlib cannot do better); backwards starts over.
  Status Seek(uint64_t offset, uint64_t limit = UINT64_MAX);

  CaptureFileFormat format() const { return format_; }
  bool compressed() const { return compressed_; }
  const std::vector<CaptureInterface>& interfaces() const { return interfaces_; }
  // Offset of the first record (after the pcap header, or the pcapng blocks before the first packet).
  uint64_t data_start() const { return data_start_; }
  // True when a pcapng section or interface block came after data_start(): a seek could miss it.
  bool late_structure() const { return late_structure_; }
  // Offset after the last record returned so far (the valid prefix, once Next() has returned false).
  uint64_t end_offset() const { return end_offset_; }
  const std::string& stop_reason() const { return stop_reason_; }
  const std::string& path() const { return path_; }

 private:
  CaptureReader() = default;
  Status ReadFileHeader();
  Result<bool> Ensure(size_t bytes);  // at least `bytes` buffered from pos_ (false: the file ends first)
  Result<bool> NextPcap(RecordView* record);
  Result<bool> NextPcapng(RecordView* record);
  enum class Block { kEnd, kOther, kPacket };
  Result<Block> ReadBlock(RecordView* record);  // one pcapng block
  Block End(const std::string& reason);
  bool ParseSectionHeader(const uint8_t* block, uint32_t length);
  void ParseInterface(const uint8_t* block, uint32_t length);
  bool Stop(const std::string& reason);
  uint32_t Load32(const uint8_t* p) const {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return swap_ ? __builtin_bswap32(v) : v;
  }
  uint16_t Load16(const uint8_t* p) const {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return swap_ ? __builtin_bswap16(v) : v;
  }

  std::string path_;
  std::unique_ptr<ByteSource> source_;
  bool compressed_ = false;
  CaptureFileFormat format_ = CaptureFileFormat::kPcap;
  bool swap_ = false;
  std::vector<CaptureInterface> interfaces_;
  uint32_t section_base_ = 0;  // interfaces_ index of the current pcapng section's interface 0
  uint64_t data_start_ = 0;
  bool seen_packet_ = false;
  bool late_structure_ = false;
  uint64_t limit_ = UINT64_MAX;
  uint64_t end_offset_ = 0;
  std::string stop_reason_;
  bool stopped_ = false;

  std::vector<uint8_t> buf_;
  size_t pos_ = 0;           // next unread byte in buf_
  size_t end_ = 0;           // bytes of buf_ filled
  uint64_t buf_offset_ = 0;  // file offset of buf_[0]
  bool eof_ = false;
};

// Converts `ticks` of an interface's clock to nanoseconds since the epoch.
int64_t TicksToNs(uint64_t ticks, const CaptureInterface& interface);

}  // namespace ringdump
