// ReadOutput (see read_output.hpp). The options are turned into the writer and rotation configs by the same
// functions as for a live capture (MakeWriterConfig, MakeRotationConfig), so -r accepts and refuses what a
// capture does; -G is the exception, refused by the caller: the engine rotates by the packets' timestamps
// and also on the wall clock (a quiet link), which would cut a file being read into one file per poll.
#include "read_output.hpp"

#include <cstdio>
#include <string>

#include "capture_config.hpp"
#include "link_type.hpp"

namespace ringdump::cli {

bool ReadOutput::Wanted(const CliOptions& options) {
  if (options.write_file.empty()) return false;
  return MakeWriterConfig(options).format == FileFormat::kPcapng || options.rotate_file_bytes > 0 ||
         options.file_limit > 0 || !options.post_rotate_command.empty() || !options.max_files.empty() ||
         !options.max_age.empty() || !options.max_total_size.empty() || options.align || !options.group.empty();
}

Result<std::unique_ptr<ReadOutput>> ReadOutput::Open(const CliOptions& options, int dlt, uint32_t snaplen) {
  auto rotation = MakeRotationConfig(options);
  if (!rotation.ok()) return std::move(rotation).error();
  if (options.file_limit > 0 && options.rotate_file_bytes == 0)
    return Error("-W needs -C (or -G, which -r does not support yet)", Error::Kind::kBadArgument);
  WriterConfig writer = MakeWriterConfig(options);
  if (!options.group.empty()) {
    auto gid = ResolveGroup(options.group);
    if (!gid.ok()) return std::move(gid).error();
    writer.file_group = gid.value();
  }
  PcapngInterface interface;
  interface.link_type = LinkTypeFromDlt(dlt);
  interface.snaplen = snaplen;
  interface.precision = writer.precision;
  auto factory = [writer, interface](const std::string& path) {
    WriterConfig one = writer;
    one.path = path;
    return FileSink::Create(one, interface, 1);
  };
  std::unique_ptr<ReadOutput> out(new ReadOutput());
  if (rotation->active()) {
    auto created = RotatingSink::Create(writer, rotation.value(), factory, [](const std::string& line) {
      std::fprintf(stderr, "ringdump: %s\n", line.c_str());
    });
    if (!created.ok()) return std::move(created).error();
    out->rotating_ = std::move(created).value();
    out->sink_ = out->rotating_.get();
  } else {
    auto created = factory(writer.path);
    if (!created.ok()) return std::move(created).error();
    out->file_ = std::move(created).value();
    out->sink_ = out->file_.get();
  }
  return out;
}

bool ReadOutput::Write(const pcap_pkthdr* header, const u_char* bytes, bool nano) {
  PacketView view;
  view.data = bytes;
  view.caplen = header->caplen;
  view.len = header->len;
  view.sec = header->ts.tv_sec;
  view.nsec = static_cast<uint32_t>(nano ? header->ts.tv_usec : header->ts.tv_usec * 1000);
  sink_->Consume(0, PacketBatch(&view, 1), stats_);
  return !sink_->WantsStop();
}

Status ReadOutput::Finish() { return sink_->Finish(); }

}  // namespace ringdump::cli
