// RunRepairCommand (see repair_command.hpp): argument handling and the report lines; the work is RepairFile,
// then the file's index is rebuilt from what is left (capture_index.hpp). A .gz file is only indexed.
#include "repair_command.hpp"

#include <cinttypes>
#include <cstdio>
#include <string>
#include <vector>

#include "capture_index.hpp"
#include "repair.hpp"

namespace ringdump::cli {
namespace {

bool IsGzip(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  unsigned char m[2] = {0, 0};
  const bool gz = std::fread(m, 1, 2, f) == 2 && m[0] == 0x1f && m[1] == 0x8b;
  std::fclose(f);
  return gz;
}

// Rebuilds and writes the index of `path`; prints ", index .NAME.ridx" or the reason there is none.
bool Reindex(const std::string& path, bool dry_run) {
  auto index = BuildIndexByScan(path);
  if (!index.ok()) {
    std::printf("\n");
    std::fprintf(stderr, "ringdump: --repair: index: %s\n", index.error().message().c_str());
    return false;
  }
  if (!dry_run) {
    if (Status s = WriteIndexFile(path, index.value()); !s.ok()) {
      std::printf("\n");
      std::fprintf(stderr, "ringdump: --repair: %s\n", s.error().message().c_str());
      return false;
    }
  }
  std::printf(", %s %s (%" PRIu64 " packets)\n", dry_run ? "would index in" : "indexed in",
              IndexPathFor(path).c_str(), index->packets);
  return true;
}

}  // namespace

int RunRepairCommand(int argc, char** argv) {
  bool dry_run = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dry-run" || a == "-n") {
      dry_run = true;
    } else if (a == "--") {
      for (++i; i < argc; ++i) files.emplace_back(argv[i]);
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "ringdump: --repair: unknown option %s\n", a.c_str());
      return 2;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: ringdump --repair [--dry-run] FILE...\n");
    return 2;
  }
  int status = 0;
  for (const std::string& f : files) {
    if (IsGzip(f)) {  // compressed by -z gzip after it was closed: nothing to cut, only the index
      std::printf("%s: gzip", f.c_str());
      if (!Reindex(f, dry_run)) status = 1;
      continue;
    }
    auto r = RepairFile(f, dry_run);
    if (!r.ok()) {
      std::fprintf(stderr, "ringdump: --repair: %s\n", r.error().message().c_str());
      status = 1;
      continue;
    }
    const RepairOutcome& o = r.value();
    if (o.removed) {
      std::printf("%s: empty (nothing reached the disk), %s\n", f.c_str(),
                  dry_run ? "would remove" : "removed");
      continue;
    }
    const char* format = o.scan.format == CaptureFormat::kPcap ? "pcap" : "pcapng";
    std::printf("%s: %s, %" PRIu64 " %s", f.c_str(), format, o.scan.records,
                o.scan.format == CaptureFormat::kPcap ? "records" : "blocks");
    if (o.truncated) {
      std::printf(", %s %" PRIu64 " of %" PRIu64 " bytes (%s)", dry_run ? "would keep" : "kept",
                  o.scan.valid_bytes, o.original_bytes, o.scan.stop_reason.c_str());
    } else {
      std::printf(", intact");
    }
    if (o.final_path != f)
      std::printf(", %s %s", dry_run ? "would rename to" : "renamed to", o.final_path.c_str());
    // In a dry run the file is not cut, so the index is what the scan of it as it is would give.
    if (!Reindex(dry_run ? f : o.final_path, dry_run)) status = 1;
  }
  return status;
}

}  // namespace ringdump::cli
