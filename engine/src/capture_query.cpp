// RunQuery (see capture_query.hpp): plan the files, compile the filter for their link types, merge.
#include "capture_query.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <memory>
#include <queue>

namespace ringdump {
namespace {

// How far an unindexed file's first record may be after its earliest packet (several queues write one file
// in the order their blocks complete), and its mtime before its last: only decides which files are scanned.
constexpr int64_t kUnindexedSlackNs = 60LL * 1000000000;

// The index of `path`, or nullopt when the coarse look says it is outside the window. Errors: unreadable.
Result<std::optional<CaptureIndex>> PlanFile(const std::string& path, const QueryWindow& window,
                                             QueryReport& report) {
  auto index = ReadIndexFile(path);
  if (index.ok()) {
    if (index->partial) {  // the file being written: index what was added since
      auto extended = ExtendIndexByScan(path, std::move(index).value());
      if (!extended.ok()) return std::move(extended).error();
      return std::optional<CaptureIndex>(std::move(extended).value());
    }
    return std::optional<CaptureIndex>(std::move(index).value());
  }
  auto reader = CaptureReader::Open(path);
  if (!reader.ok()) return std::move(reader).error();
  RecordView first;
  auto more = reader->Next(&first);
  if (!more.ok()) return std::move(more).error();
  if (!more.value()) return std::optional<CaptureIndex>();  // no packets at all
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    const int64_t mtime = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    if (first.ts_ns - kUnindexedSlackNs >= window.before_ns) return std::optional<CaptureIndex>();
    if (mtime + kUnindexedSlackNs < window.after_ns) return std::optional<CaptureIndex>();
  }
  ++report.scanned;
  auto built = BuildIndexByScan(path);
  if (!built.ok()) return std::move(built).error();
  return std::optional<CaptureIndex>(std::move(built).value());
}

// Equal timestamps: the file named first (its position among the paths) comes first.
struct Pending {
  int64_t ts;
  size_t position;
  size_t source;
  bool operator>(const Pending& o) const { return ts != o.ts ? ts > o.ts : position > o.position; }
};

}  // namespace

Result<QueryReport> RunQuery(const std::vector<std::string>& files, const QueryOptions& options,
                             QuerySink& sink) {
  QueryReport report;
  report.files = files.size();
  std::vector<std::unique_ptr<FileSource>> sources;
  std::vector<size_t> position;  // of each source among `files`
  for (size_t f = 0; f < files.size(); ++f) {
    const std::string& path = files[f];
    auto planned = PlanFile(path, options.window, report);
    if (!planned.ok()) {
      report.file_errors.push_back(std::move(planned).error());
      continue;
    }
    std::optional<CaptureIndex>& index = planned.value();
    if (!index || index->packets == 0 || !options.window.Overlaps(index->min_ts_ns, index->max_ts_ns)) {
      ++report.skipped;
      continue;
    }
    auto source = std::make_unique<FileSource>(path, std::move(*index), options.window);
    if (source->lower_bound() == INT64_MAX) {  // no interval overlaps the window
      ++report.skipped;
      continue;
    }
    report.planned_bytes += source->planned_bytes();
    sources.push_back(std::move(source));
    position.push_back(f);
  }
  // The merge opens files in the order of the earliest time they can contribute; equal: as given.
  std::vector<size_t> order(sources.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return sources[a]->lower_bound() < sources[b]->lower_bound(); });
  {
    std::vector<std::unique_ptr<FileSource>> sorted;
    std::vector<size_t> sorted_position;
    for (size_t i : order) {
      sorted.push_back(std::move(sources[i]));
      sorted_position.push_back(position[i]);
    }
    sources = std::move(sorted);
    position = std::move(sorted_position);
  }

  FilterSet filters(options.filter, options.optimize);
  std::vector<QueryInput> inputs;
  for (const auto& s : sources) {
    inputs.push_back({s->path(), s->index().interfaces});
    for (const IndexedInterface& i : s->index().interfaces) {
      CaptureInterface c;
      c.link_type = i.link_type;
      auto program = filters.For(c.dlt());
      if (!program.ok()) return std::move(program).error();  // before any output
    }
  }
  RINGDUMP_TRY(sink.Begin(inputs), "output");

  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> heap;
  size_t next_to_open = 0;
  auto advance = [&](size_t i) -> Status {  // push source i's next packet, or close it
    auto next = sources[i]->Peek();
    if (!next.ok()) {
      report.file_errors.push_back(std::move(next).error());
      sources[i]->Close();
      return Ok();
    }
    if (next.value() == nullptr) {
      sources[i]->Close();
      return Ok();
    }
    heap.push({next.value()->ts_ns, position[i], i});
    return Ok();
  };
  for (;;) {
    while (next_to_open < sources.size() &&
           (heap.empty() || sources[next_to_open]->lower_bound() <= heap.top().ts)) {
      const size_t i = next_to_open++;
      if (Status s = sources[i]->Open(filters); !s.ok()) {
        if (s.error().kind() == Error::Kind::kBadFilter) return std::move(s).error();
        report.file_errors.push_back(std::move(s).error());
        continue;
      }
      ++report.read;
      RINGDUMP_TRY(sink.OnOpen(i, sources[i]->interfaces()), "output");
      (void)advance(i);
    }
    if (heap.empty()) break;
    const size_t i = heap.top().source;
    heap.pop();
    auto top = sources[i]->Peek();  // cached: no read
    const SourcePacket& p = *top.value();
    QueryPacket out;
    out.input = i;
    out.interface = p.interface;
    out.ts_ns = p.ts_ns;
    out.data = sources[i]->DataOf(p);
    out.caplen = p.caplen;
    out.len = p.len;
    out.epb_flags = p.epb_flags;
    auto more = sink.OnPacket(out);
    if (!more.ok()) return std::move(more).error().Context("output");
    ++report.packets;
    sources[i]->Pop();
    if (!more.value()) break;
    (void)advance(i);
  }
  return report;
}

}  // namespace ringdump
