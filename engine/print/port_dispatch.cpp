// The port lookup of the UDP and TCP tables (dispatch.hpp). The tables are the truth and are walked in
// order by the linear lookup; the fast one reads a per-port index derived from the same table once:
// for each port, the first row that can match it as a source and as a destination. The earlier of the
// two is the first matching row, unless that row also looks at the payload (print-udp.c's AppleTalk
// rule), when the walk continues linearly after it.
#include <array>
#include <cstdlib>

#include "dispatch.hpp"

namespace ringdump::print {
namespace {

// atalk_port (appletalk.h): DDP-in-UDP's client, server and pre-1988 server socket ranges.
bool AtalkPort(uint16_t p) {
  return unsigned(p - 16512) < 128 || unsigned(p - 200) < 128 || unsigned(p - 768) < 128;
}

template <typename Row>
bool PortsMatch(const Row& r, uint16_t sport, uint16_t dport) {
  if (r.gate != RowGate::kOn) return false;
  switch (r.match) {
    case PortMatch::kEither:
      return sport == r.lo || dport == r.lo;
    case PortMatch::kSrc:
      return sport == r.lo;
    case PortMatch::kDst:
      return dport == r.lo;
    case PortMatch::kRange:
      return (sport >= r.lo && sport <= r.hi) || (dport >= r.lo && dport <= r.hi);
    case PortMatch::kAtalk:
      return AtalkPort(sport) || AtalkPort(dport);
  }
  return false;
}

// The payload half of a row's test: a LAP header of type lapDDP (2) for the AppleTalk row.
bool PayloadMatches(Nd& nd, PortMatch m, const uint8_t* payload) {
  if (m != PortMatch::kAtalk) return true;
  return nd.TTest(payload + 2, 1) && nd.U8(payload + 2) == 2;
}

template <typename Row>
int Linear(Nd& nd, std::span<const Row> rows, size_t from, uint16_t sport, uint16_t dport,
           const uint8_t* pl) {
  for (size_t i = from; i < rows.size(); i++) {
    if (PortsMatch(rows[i], sport, dport) && PayloadMatches(nd, rows[i].match, pl)) return int(i);
  }
  return -1;
}

// Row index + 1 (0: none) of the first row each port can match from each side.
template <typename Row>
struct PortIndex {
  std::array<uint8_t, 65536> src{}, dst{};
  explicit PortIndex(std::span<const Row> rows) {
    if (rows.size() >= 255) abort();  // the index holds row numbers in a byte
    auto mark = [](std::array<uint8_t, 65536>& side, uint32_t port, size_t row) {
      if (side[port] == 0) side[port] = uint8_t(row + 1);
    };
    for (size_t i = 0; i < rows.size(); i++) {
      const Row& r = rows[i];
      if (r.gate != RowGate::kOn) continue;
      switch (r.match) {
        case PortMatch::kEither:
          mark(src, r.lo, i);
          mark(dst, r.lo, i);
          break;
        case PortMatch::kSrc:
          mark(src, r.lo, i);
          break;
        case PortMatch::kDst:
          mark(dst, r.lo, i);
          break;
        case PortMatch::kRange:
        case PortMatch::kAtalk:
          for (uint32_t p = 0; p < 65536; p++) {
            bool in = r.match == PortMatch::kRange ? p >= r.lo && p <= r.hi : AtalkPort(uint16_t(p));
            if (in) {
              mark(src, p, i);
              mark(dst, p, i);
            }
          }
          break;
      }
    }
  }
  template <typename Args>
  int Find(Nd& nd, std::span<const Row> rows, const Args& a, const uint8_t* payload) const {
    unsigned s = src[a.sport], d = dst[a.dport];
    unsigned first = s == 0 ? d : d == 0 ? s : (s < d ? s : d);
    if (first == 0) return -1;
    size_t row = first - 1;
    if (PayloadMatches(nd, rows[row].match, payload)) return int(row);
    return Linear(nd, rows, row + 1, a.sport, a.dport, payload);
  }
};

}  // namespace

int FindUdpPort(Nd& nd, const UdpArgs& a) {
  static const PortIndex<UdpPortRow> index(UdpPortTable());
  return index.Find(nd, UdpPortTable(), a, a.cp);
}

int FindTcpPort(Nd& nd, const TcpArgs& a) {
  static const PortIndex<TcpPortRow> index(TcpPortTable());
  return index.Find(nd, TcpPortTable(), a, a.bp);
}

int FindUdpPortLinear(Nd& nd, const UdpArgs& a) {
  return Linear(nd, UdpPortTable(), 0, a.sport, a.dport, a.cp);
}
int FindTcpPortLinear(Nd& nd, const TcpArgs& a) {
  return Linear(nd, TcpPortTable(), 0, a.sport, a.dport, a.bp);
}

}  // namespace ringdump::print
