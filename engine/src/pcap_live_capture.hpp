// Devices that are not AF_PACKET interfaces (nflog, nfqueue, usbmon, dbus, bluetooth monitor, ... the ones
// `tcpdump -D` lists without an interface index): libpcap's own capture module reads them. PcapLiveCapture is
// a second implementation of Capture for them: pcap_create/pcap_activate as tcpdump does (same link type,
// same snaplen, the filter compiled and set by libpcap), one worker thread running pcap_dispatch and handing
// each dispatch's packets to the sink as one batch on queue 0. Counters come from pcap_stats.
#pragma once

#include <memory>
#include <string>

#include "ringdump/capture.hpp"

namespace ringdump {

// True for device names that only libpcap's own modules can capture ("nflog", "nflog:5", "nfqueue",
// "usbmon1", "dbus-system", "bluetooth-monitor", ...).
bool IsPcapOnlyDevice(const std::string& name);

Result<std::unique_ptr<Capture>> OpenPcapLiveCapture(const CaptureConfig& config);

}  // namespace ringdump
