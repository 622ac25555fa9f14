#include "models/modelslog.h"

Q_LOGGING_CATEGORY(lcStore, "ccdash.workbench.store", QtWarningMsg)
