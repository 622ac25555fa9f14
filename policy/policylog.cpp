#include "policy/policylog.h"

Q_LOGGING_CATEGORY(lcPolicy, "ccdash.workbench.policy", QtWarningMsg)
