// CliOptions -> CaptureConfig and WriterConfig for a live capture: defaults that depend on the job
// (writing a file wants large blocks and many queues; printing wants one queue and short block timeouts).
#pragma once

#include <ctime>

#include "filter_file.hpp"
#include "options.hpp"
#include "ringdump/config.hpp"
#include "ringdump/result.hpp"

namespace ringdump::cli {

Result<CaptureConfig> MakeCaptureConfig(const CliOptions& options, const std::string& interface, bool printing);

WriterConfig MakeWriterConfig(const CliOptions& options);

// --group NAME (or a number) -> gid; the message names the group.
Result<int> ResolveGroup(const std::string& name);

// --decap SPEC: "vxlan", "vxlan:42,43", "vxlan@8472:42", "geneve", "gre:1000"; the message names the bad part.
Result<DecapConfig> ParseDecap(const std::string& spec);

// -G/-C/-W/-z, --align and retention; the message names the bad flag.
Result<RotationConfig> MakeRotationConfig(const CliOptions& options);

// --stop-at (formats: stop_time.hpp) -> seconds from `now`.
Result<double> SecondsUntil(const std::string& when, time_t now);

// The network namespace asked for with --netns, --netns-pid or --container (empty: the caller's).
Result<std::string> ResolveNetns(const CliOptions& options);

}  // namespace ringdump::cli
