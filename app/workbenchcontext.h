#pragma once
// The application's store, opened once from --database / CCDASH_WORKBENCH_DATABASE / the default
// file: the connection, its migrations, and the repositories services and models use. The window
// and the CLI both start here; ui/ receives the models, never SQL.
#include "models/ccdashcacherepository.h"
#include "models/database.h"
#include "models/executionrepository.h"
#include "models/storeresult.h"

#include <QProcessEnvironment>
#include <memory>

namespace workbench::app {

class WorkbenchContext
{
public:
    static models::StoreResult<std::unique_ptr<WorkbenchContext>>
    open(const QString &databaseOption, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    models::Database &database() { return *m_database; }
    models::ExecutionRepository &executions() { return *m_executions; }
    models::CcdashCacheRepository &ccdashCache() { return *m_ccdashCache; }

private:
    explicit WorkbenchContext(std::unique_ptr<models::Database> database);
    std::unique_ptr<models::Database> m_database;
    std::unique_ptr<models::ExecutionRepository> m_executions;
    std::unique_ptr<models::CcdashCacheRepository> m_ccdashCache;
};

} // namespace workbench::app
