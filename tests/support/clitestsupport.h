#pragma once
// What the tests that run the real `ccdash-workbench` executable share: collecting a finished CLI
// process's exit code and output, and opening the store it wrote the way the application opens it
// (so that startup recovery and the event writer behave as they do for a user). Header-only; the
// tests link workbench_app.
#include "app/execution/executionservice.h"
#include "app/execution/policyevaluator.h"
#include "models/database.h"
#include "models/eventwriter.h"

#include <QByteArray>
#include <QProcess>
#include <memory>

namespace workbench::testsupport {

// A finished CLI run: exit code (-1 when it crashed or did not finish in time) and both streams.
struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Waits up to `timeoutMs` for the started `process` and collects what it left.
inline CliResult waitForCli(QProcess &process, int timeoutMs)
{
    if (!process.waitForFinished(timeoutMs))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

// The store as the application opens it: the database (migrations and startup recovery run), a
// started event writer and the execution service over both.
struct AppStore
{
    std::unique_ptr<models::Database> database;
    std::unique_ptr<models::EventWriter> writer;
    std::unique_ptr<execution::ExecutionService> service;
};

// Null when the store at `database` (a path or URL, as --database takes it) cannot be opened.
inline std::unique_ptr<AppStore> openAppStore(const QString &database)
{
    auto store = std::make_unique<AppStore>();
    auto location = models::parseDatabaseLocation(database);
    if (!location)
        return nullptr;
    auto opened = models::Database::open(*location, QStringLiteral("test"));
    if (!opened)
        return nullptr;
    store->database = std::move(*opened);
    store->writer = std::make_unique<models::EventWriter>(*location);
    if (!store->writer->start())
        return nullptr;
    store->service = std::make_unique<execution::ExecutionService>(*store->database, *store->writer,
                                                                   execution::defaultPolicyEvaluator());
    return store;
}

} // namespace workbench::testsupport
