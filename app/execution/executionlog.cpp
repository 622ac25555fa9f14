#include "app/execution/executionlog.h"

Q_LOGGING_CATEGORY(lcExecution, "ccdash.workbench.execution", QtWarningMsg)
