#pragma once
// The policy engine the window and the CLI hand to the execution service.
#include "app/execution/executionservice.h"

namespace workbench::execution {

// Evaluates with the default rule set (resources/policy); the engine is created once and shared.
ExecutionService::PolicyEvaluator defaultPolicyEvaluator();

} // namespace workbench::execution
