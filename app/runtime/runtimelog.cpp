#include "app/runtime/runtimelog.h"

Q_LOGGING_CATEGORY(lcRuntime, "ccdash.workbench.runtime", QtWarningMsg)
