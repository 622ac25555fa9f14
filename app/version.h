#pragma once
#include "app/buildinfo.h"
