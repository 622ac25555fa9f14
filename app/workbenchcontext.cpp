#include "app/workbenchcontext.h"

namespace workbench::app {

using namespace workbench::models;

WorkbenchContext::WorkbenchContext(std::unique_ptr<Database> database)
    : m_database(std::move(database))
    , m_executions(std::make_unique<ExecutionRepository>(*m_database))
    , m_ccdashCache(std::make_unique<CcdashCacheRepository>(*m_database))
{
}

StoreResult<std::unique_ptr<WorkbenchContext>> WorkbenchContext::open(const QString &databaseOption,
                                                                      const QProcessEnvironment &environment)
{
    const StoreResult<DatabaseLocation> location = resolveDatabaseLocation(databaseOption, environment);
    if (!location)
        return location.error();
    StoreResult<std::unique_ptr<Database>> database = Database::open(*location);
    if (!database)
        return database.error();
    return std::unique_ptr<WorkbenchContext>(new WorkbenchContext(std::move(*database)));
}

} // namespace workbench::app
