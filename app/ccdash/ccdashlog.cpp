#include "app/ccdash/ccdashlog.h"

Q_LOGGING_CATEGORY(lcCcdashClient, "ccdash.workbench.client", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCcdashTelemetry, "ccdash.workbench.telemetry", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCcdashToken, "ccdash.workbench.token", QtInfoMsg)
