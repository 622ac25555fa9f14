#pragma once
#include <QLoggingCategory>

// Requests, responses and failures of the CCDash client. Never logs headers or bodies.
Q_DECLARE_LOGGING_CATEGORY(lcCcdashClient)
// Fire-and-forget UI telemetry: failures are logged here and nowhere else.
Q_DECLARE_LOGGING_CATEGORY(lcCcdashTelemetry)
// Token lookup (environment, system keychain). Never logs the token.
Q_DECLARE_LOGGING_CATEGORY(lcCcdashToken)
