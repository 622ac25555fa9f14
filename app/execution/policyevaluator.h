#pragma once
// The policy engine the window and the CLI hand to the execution service.
#include "app/execution/executionservice.h"

namespace workbench::execution {

// Evaluates with the installed layers (built-in rules, system and user files, the workspace file and the
// trusted hashes); one engine is shared, and rebuilt when the trust store changes.
ExecutionService::PolicyEvaluator defaultPolicyEvaluator();

} // namespace workbench::execution
