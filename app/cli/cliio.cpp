#include "app/cli/cliio.h"
