#include "app/execution/policyevaluator.h"

#include "policy/policyengine.h"

namespace workbench::execution {

ExecutionService::PolicyEvaluator defaultPolicyEvaluator()
{
    // System and user rule files as installed; evaluate() is const and thread-safe, so one engine
    // is shared by every service in the process.
    static const std::shared_ptr<const policy::PolicyEngine> engine =
        std::make_shared<const policy::PolicyEngine>(policy::PolicyLayers::standard());
    return [engine = engine](const policy::PolicyRequest &request) { return engine->evaluate(request); };
}

} // namespace workbench::execution
