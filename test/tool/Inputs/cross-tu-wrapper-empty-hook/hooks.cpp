#include "hooks.h"

Hooks::~Hooks() = default;
void Hooks::AfterRename(const std::string &) {}
SyncHooks::~SyncHooks() = default;
