//===- Sink.cpp - Where a check leaves what the join needs ----------------===//

#include "durcheck/CrossTU/Sink.h"

namespace durcheck::crosstu {

static thread_local UnitSink *CurrentSink = nullptr;

UnitSink::~UnitSink() = default;
TypedSection::~TypedSection() = default;

UnitSink *UnitSink::current() { return CurrentSink; }

UnitSink::Scope::Scope(UnitSink &Sink) : Previous(CurrentSink) {
  CurrentSink = &Sink;
}

UnitSink::Scope::~Scope() { CurrentSink = Previous; }

} // namespace durcheck::crosstu
