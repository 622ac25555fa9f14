#include "app/teamstore/teamstorelog.h"

Q_LOGGING_CATEGORY(lcTeamStore, "ccdash.workbench.teamstore", QtInfoMsg)
