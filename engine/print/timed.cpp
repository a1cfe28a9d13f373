// TSP, the BSD time synchronisation protocol of timed (print-timed.c): type, version, sequence, the hop
// count of a loop packet or the time of a set/adjust, and the sender's name.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

struct Tsp {
  NdU8 type, vers;
  NdU16 seq;
  NdU32 sec, usec;  // a union with the loop packet's one-byte hop count
  uint8_t name[256];
};

const Tok kTypes[] = {{0, "TSP_ANY"},       {1, "TSP_ADJTIME"},  {2, "TSP_ACK"},       {3, "TSP_MASTERREQ"},
                      {4, "TSP_MASTERACK"}, {5, "TSP_SETTIME"},  {6, "TSP_MASTERUP"},  {7, "TSP_SLAVEUP"},
                      {8, "TSP_ELECTION"},  {9, "TSP_ACCEPT"},   {10, "TSP_REFUSE"},   {11, "TSP_CONFLICT"},
                      {12, "TSP_RESOLVE"},  {13, "TSP_QUIT"},    {14, "TSP_DATE"},     {15, "TSP_DATEREQ"},
                      {16, "TSP_DATEACK"},  {17, "TSP_TRACEON"}, {18, "TSP_TRACEOFF"}, {19, "TSP_MSITE"},
                      {20, "TSP_MSITEREQ"}, {21, "TSP_TEST"},    {22, "TSP_SETDATE"},  {23, "TSP_SETDATEREQ"},
                      {24, "TSP_LOOP"}};

}  // namespace

void TimedPrint(Nd& nd, const uint8_t* bp) {
  nd.protocol = "timed";
  const auto* t = Layout<Tsp>(bp);
  uint8_t type = nd.Get(t->type);
  Tok2Str(nd, kTypes, "(tsp_type %#x)", type);
  nd.out.F(" vers %u", nd.Get(t->vers));
  nd.out.F(" seq %u", nd.Get(t->seq));
  switch (type) {
    case 24:
      nd.out.F(" hopcnt %u", nd.U8(Bytes(t->sec)));
      break;
    case 1:
    case 5:
    case 22:
    case 23: {
      int32_t sec = int32_t(nd.Get(t->sec)), usec = int32_t(nd.Get(t->usec));
      if (usec < 0) return;  // invalid: the rest is skipped
      nd.out.S(" time ");
      if (sec < 0 && usec != 0) {
        sec++;
        if (sec == 0) nd.out.C('-');
        usec = 1000000 - usec;
      }
      nd.out.F("%d.%06d", sec, usec);
      break;
    }
    default:
      break;
  }
  nd.out.S(" name ");
  PrintStringN(nd, t->name, sizeof t->name);
}

}  // namespace ringdump::print
