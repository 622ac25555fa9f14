#pragma once
// Compact S-expression rendering of a shell AST, so parser tests can state expected shapes.
#include "policy/shellast.h"

namespace workbench::policy::testing {

QString dumpWord(const Word &word);
QString dumpNode(const Node &node);

} // namespace workbench::policy::testing
